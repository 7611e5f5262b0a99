//! A deterministic synthetic dossier of any size, for benchmarks and the
//! fzf comparison.
//!
//! Used by `examples/gen.rs`, `examples/keystrokes.rs` and the criterion
//! benches, so every measurement runs on the same data.
//!
//! Everything derives from one seed through SplitMix64, written out here so
//! the output never changes with a dependency's version. Event `i` has a
//! random stream of its own (seed and `i` mixed), so an event is the same
//! whatever the total count, and the JSON and the fzf lines are written in
//! one streaming pass without holding the events in memory.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use crate::model::{
    Citation, Dataset, Document, Entity, EntityKind, Event, Figure, Footnote, FootnoteBody, Qualifier, Quote,
    Tab,
};

/// The tab ids the generator spreads events over, in display order.
pub const TAB_IDS: [&str; 4] = ["political", "economic", "security", "regional"];

/// SplitMix64: tiny, fast, and fully specified, so a seed means the same
/// data forever.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// An independent stream for item `index` of stream `stream`.
    pub fn stream(seed: u64, stream: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.0 ^= r.next_u64() ^ index.wrapping_mul(0xE703_7ED1_A0B4_28DB);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Index in `0..n`, skewed towards the start (a rough Zipf law: the
    /// first item comes up about 2% of the time out of 400).
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u.sqrt()) * n as f64) as usize % n
    }
}

const STREAM_EVENT: u64 = 1;
const STREAM_ENTITY: u64 = 2;
const STREAM_FOOTNOTE: u64 = 3;
const STREAM_VOCAB: u64 = 4;

/// Diplomacy, economics and security words; the common part of the text.
const REAL_WORDS: &str = "
agreement alliance ambassador annual arbitration armed army assembly assistance audit aviation bank
barrel barrier bilateral bill billion border brigade budget bureau business cabinet campaign capacity
capital cargo ceasefire census chamber charter coalition coast command commerce commission committee
communique company compensation competition conference confidence conflict congress consortium
constitution consulate contract convention cooperation corridor council court credit crisis crude
currency customs cyber debt declaration decree defence deficit delegation democracy deployment
deputy development dialogue diplomacy diplomat directive dispute drill economy education election
embassy emergency energy envoy equipment estimate exchange exercise export facility federation
finance fleet forum framework freight frontier fund gas governance government grain grant growth
guarantee harbour highway hub humanitarian import incentive independence industry inflation
infrastructure initiative inspection institute insurance integration intelligence interest investment
investor joint jurisdiction labour landmark law lease legislation licence loan logistics mandate
manufacturing maritime market mediation memorandum merger migration militia minister ministry mission
modernisation monitoring negotiation network nuclear observer offensive office oil operation
opposition outlet output parliament partnership patrol payment peace pension permit pipeline plan
platform pledge police policy port portfolio president presidency price privatisation procurement
production programme project protocol province quota railway ratification reactor recession
reconstruction referendum reform refinery region regulation reserve resolution revenue road round
sanction satellite scholarship secretariat security sector session settlement shareholder shipment
shipping signature steel strategy subsidy summit supply surplus tariff tax telecom tender terminal
territory terrorism textile think-tank threat tourism trade training transit transport treaty
tribunal troops truce union university uranium veto visa visit volume vote wage warehouse water
wheat withdrawal workforce yield youth zone steppe eagle caspian silk road middle corridor turkic
eurasian synergy customs-union free-trade visa-free leaders council high-level strategic cooperation
announced agreed approved backed blocked boosted called cancelled cited claimed completed confirmed
criticised cut debated declined delayed denied discussed doubled dropped eased endorsed expanded
extended financed halted hosted launched lifted met named opened outlined planned pledged postponed
praised proposed raised ratified reached rejected renewed reported resumed revised signed slowed
suspended tightened urged visited warned welcomed withdrew
new first second third joint regional national federal foreign domestic bilateral multilateral
strategic economic military political cultural technical financial legal maritime continental
landlocked northern southern eastern western central annual quarterly provisional temporary
permanent formal informal major minor rapid gradual record historic partial full public private
state-owned independent armed civilian nuclear renewable fossil digital rural urban coastal
";

/// Little words that make word salad read as prose.
const GLUE: [&str; 16] = [
    "the", "of", "and", "to", "in", "a", "for", "with", "on", "by", "as", "from", "at", "over", "after",
    "between",
];

const SYLLABLES: [&str; 48] = [
    "ka", "zan", "tur", "ol", "bek", "sar", "mir", "qa", "ğu", "şe", "ıs", "ül", "ay", "dos", "ten", "gri",
    "ö", "çel", "mak", "ra", "an", "ta", "ber", "dyk", "jol", "su", "tau", "kol", "ab", "en", "ir", "uz",
    "lan", "nur", "ba", "ye", "ğa", "ız", "er", "ko", "mü", "ş", "al", "tı", "ma", "rat", "sen", "dar",
];

const FIRST_NAMES: [&str; 60] = [
    "Recep",
    "Ahmet",
    "Mehmet",
    "Mevlüt",
    "Özge",
    "Şükrü",
    "Gülnar",
    "Nursultan",
    "Qasym-Jomart",
    "Nurlan",
    "Ayşe",
    "Çağrı",
    "Erlan",
    "Dariğa",
    "Aigerim",
    "Yerlan",
    "Zhanar",
    "Bakytzhan",
    "Ömer",
    "İbrahim",
    "Hüseyin",
    "Serik",
    "Marat",
    "Aliya",
    "Ğalym",
    "Asqar",
    "Äset",
    "Binali",
    "Hakan",
    "Fatma",
    "Zeynep",
    "Emine",
    "Kemal",
    "Süleyman",
    "Yıldız",
    "Gökhan",
    "Nihat",
    "Tuğba",
    "Şebnem",
    "Ertuğrul",
    "Dauren",
    "Kairat",
    "Saule",
    "Mukhtar",
    "Timur",
    "Askar",
    "Gulnara",
    "Baurzhan",
    "Almas",
    "Darkhan",
    "Elif",
    "Oğuz",
    "Cemil",
    "Ümit",
    "Berik",
    "Qanat",
    "Zhomart",
    "Ainur",
    "Nazira",
    "Rüstem",
];

const LAST_NAMES: [&str; 60] = [
    "Erdoğan",
    "Öğütcü",
    "Şahin",
    "Nazarbayev",
    "Tokayev",
    "Çavuşoğlu",
    "Yıldırım",
    "Davutoğlu",
    "Sağıntayev",
    "Mamin",
    "Abdrakhmanov",
    "Tileuberdi",
    "Kemelbekov",
    "Özdemir",
    "Aydın",
    "Çelik",
    "Yılmaz",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Türkmen",
    "Qoşanov",
    "Äbdiev",
    "Jaqsybekov",
    "Nurğaliyev",
    "Ötebaev",
    "Sıdıqov",
    "Baimenov",
    "Akar",
    "Albayrak",
    "Zeybekci",
    "Bozdağ",
    "Kalın",
    "Ünal",
    "Güler",
    "Karaoğlu",
    "Esimov",
    "Masimov",
    "Sultanov",
    "Suleimenov",
    "Zhaksybekov",
    "Tasmagambetov",
    "Kassymov",
    "Smailov",
    "Beketov",
    "Ermekbaev",
    "Omarov",
    "Ibraev",
    "Kuanyshev",
    "Öztürk",
    "Korkmaz",
    "Acar",
    "Koç",
    "Polat",
    "Erdem",
    "Aksoy",
    "Bayraktar",
    "Şimşek",
    "Taşkın",
    "Uçar",
];

/// People, countries and places every run has, with the ids the compare
/// script and the keystroke harness rely on.
const FAMOUS: [(&str, &str, EntityKind, &[&str]); 28] = [
    (
        "erdogan",
        "Recep Tayyip Erdoğan",
        EntityKind::Person,
        &["Erdogan", "Erdoğan", "President Erdoğan"],
    ),
    (
        "nazarbayev",
        "Nursultan Nazarbayev",
        EntityKind::Person,
        &["Nazarbayev", "Nazarbaev", "Elbasy"],
    ),
    (
        "tokayev",
        "Qasym-Jomart Tokayev",
        EntityKind::Person,
        &["Tokayev", "Kassym-Jomart Tokayev", "Toqaev"],
    ),
    (
        "ogutcu",
        "Özge Nur Öğütcü",
        EntityKind::Person,
        &["Ogutcu", "Öğütcü"],
    ),
    (
        "cavusoglu",
        "Mevlüt Çavuşoğlu",
        EntityKind::Person,
        &["Cavusoglu", "Çavuşoğlu"],
    ),
    ("yildirim", "Binali Yıldırım", EntityKind::Person, &["Yildirim"]),
    ("davutoglu", "Ahmet Davutoğlu", EntityKind::Person, &["Davutoglu"]),
    (
        "sagintayev",
        "Bakytzhan Sağıntayev",
        EntityKind::Person,
        &["Sagintayev", "Sagintaev"],
    ),
    ("xi-jinping", "Xi Jinping", EntityKind::Person, &["Xi"]),
    ("putin", "Vladimir Putin", EntityKind::Person, &["Putin"]),
    (
        "turkey",
        "Turkey",
        EntityKind::Country,
        &["Türkiye", "Turkiye", "Ankara"],
    ),
    (
        "kazakhstan",
        "Kazakhstan",
        EntityKind::Country,
        &["Qazaqstan", "Kazakistan", "Qazaqstan Respublikasy"],
    ),
    ("russia", "Russia", EntityKind::Country, &["Russian Federation"]),
    (
        "china",
        "China",
        EntityKind::Country,
        &["People's Republic of China", "PRC"],
    ),
    ("azerbaijan", "Azerbaijan", EntityKind::Country, &["Azərbaycan"]),
    ("uzbekistan", "Uzbekistan", EntityKind::Country, &["Oʻzbekiston"]),
    (
        "nato",
        "North Atlantic Treaty Organization",
        EntityKind::Organization,
        &["NATO"],
    ),
    (
        "sco",
        "Shanghai Cooperation Organisation",
        EntityKind::Organization,
        &["SCO"],
    ),
    (
        "turkic-council",
        "Turkic Council",
        EntityKind::Organization,
        &["Türk Keneşi", "CCTS"],
    ),
    (
        "aselsan",
        "Aselsan",
        EntityKind::Company,
        &["ASELSAN", "Kazakhstan Aselsan Engineering"],
    ),
    (
        "steppe-eagle",
        "Steppe Eagle",
        EntityKind::Initiative,
        &["Steppe Eagle exercise", "Dala Qyrany"],
    ),
    (
        "middle-corridor",
        "Middle Corridor",
        EntityKind::Initiative,
        &["Trans-Caspian International Transport Route"],
    ),
    (
        "istanbul",
        "İstanbul",
        EntityKind::Place,
        &["Istanbul", "Constantinople"],
    ),
    (
        "astana",
        "Astana",
        EntityKind::Place,
        &["Nur-Sultan", "Akmola", "Aqmola"],
    ),
    ("aqtau", "Aqtau", EntityKind::Place, &["Aktau", "Shevchenko"]),
    ("symkent", "Şymkent", EntityKind::Place, &["Shymkent", "Chimkent"]),
    ("almaty", "Almaty", EntityKind::Place, &["Alma-Ata", "Almatı"]),
    ("ankara", "Ankara", EntityKind::Place, &["Angora"]),
];

const COUNTRIES: [&str; 40] = [
    "Kyrgyzstan",
    "Tajikistan",
    "Turkmenistan",
    "Mongolia",
    "Georgia",
    "Armenia",
    "Iran",
    "Iraq",
    "Syria",
    "Pakistan",
    "Afghanistan",
    "India",
    "Japan",
    "South Korea",
    "Germany",
    "France",
    "Italy",
    "Spain",
    "United Kingdom",
    "United States",
    "Ukraine",
    "Belarus",
    "Poland",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Greece",
    "Cyprus",
    "Israel",
    "Egypt",
    "Qatar",
    "Saudi Arabia",
    "United Arab Emirates",
    "Kuwait",
    "Oman",
    "Jordan",
    "Lebanon",
    "Serbia",
    "Bosnia and Herzegovina",
    "Albania",
];

const PLACES: [&str; 44] = [
    "İzmir",
    "Şanlıurfa",
    "Gaziantep",
    "Trabzon",
    "Kayseri",
    "Konya",
    "Bursa",
    "Erzurum",
    "Mersin",
    "Kars",
    "Iğdır",
    "Eskişehir",
    "Diyarbakır",
    "Çanakkale",
    "Muğla",
    "Türkistan",
    "Qaraǵandy",
    "Atyraū",
    "Öskemen",
    "Taraz",
    "Pavlodar",
    "Semey",
    "Kökşetau",
    "Aqtöbe",
    "Oral",
    "Qostanay",
    "Qyzylorda",
    "Taldyqorğan",
    "Petropavl",
    "Baikonur",
    "Jezqazğan",
    "Ekibastūz",
    "Baku",
    "Tbilisi",
    "Tashkent",
    "Bishkek",
    "Ashgabat",
    "Khorgos",
    "Samarkand",
    "Batumi",
    "Caspian Sea",
    "Aral Sea",
    "Altai",
    "Mangystau",
];

const ORG_HEADS: [&str; 16] = [
    "Eurasian",
    "Turkic",
    "Caspian",
    "Central Asian",
    "Anatolian",
    "Steppe",
    "Black Sea",
    "Silk Road",
    "Transcaspian",
    "Kazakh",
    "Turkish",
    "Altai",
    "Aral",
    "Northern",
    "Southern",
    "Joint",
];
const ORG_FIELDS: [&str; 16] = [
    "Development",
    "Energy",
    "Security",
    "Trade",
    "Investment",
    "Transport",
    "Cultural",
    "Academic",
    "Defence",
    "Parliamentary",
    "Business",
    "Youth",
    "Water",
    "Agricultural",
    "Digital",
    "Mining",
];
const ORG_TYPES: [&str; 10] = [
    "Council",
    "Bank",
    "Agency",
    "Institute",
    "Foundation",
    "Chamber",
    "Committee",
    "Forum",
    "Assembly",
    "Union",
];
const COMPANY_TYPES: [&str; 10] = [
    "Holding",
    "Enerji",
    "Munai",
    "Group",
    "Temir Joly",
    "İnşaat",
    "Savunma",
    "Logistics",
    "Mining",
    "Telecom",
];
const OUTLETS: [(&str, &str, &str); 14] = [
    ("Daily Sabah", "www.dailysabah.com", "en"),
    ("Anadolu Ajansı", "www.aa.com.tr", "tr"),
    ("Hürriyet", "www.hurriyet.com.tr", "tr"),
    ("Milliyet", "www.milliyet.com.tr", "tr"),
    ("Kazinform", "www.inform.kz", "en"),
    ("Tengrinews", "en.tengrinews.kz", "en"),
    ("The Astana Times", "astanatimes.com", "en"),
    ("Egemen Qazaqstan", "egemen.kz", "kk"),
    ("Kapital.kz", "kapital.kz", "ru"),
    ("Yeni Şafak", "www.yenisafak.com", "tr"),
    ("DEİK", "www.deik.org.tr", "en"),
    ("AVİM", "avim.org.tr", "en"),
    ("Hürriyet Daily News", "www.hurriyetdailynews.com", "en"),
    ("Eurasianet", "eurasianet.org", "en"),
];
const UNITS: [(&str, &str); 6] = [
    ("USD", "bilateral trade volume"),
    ("USD", "Turkish investment stock in Kazakhstan"),
    ("companies", "Turkish firms registered"),
    ("people", "troops taking part"),
    ("students", "students on exchange scholarships"),
    ("projects", "joint projects completed"),
];

/// Folds the letters this generator uses to ASCII (for aliases and slugs).
pub fn ascii(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ğ' => 'g',
            'Ğ' => 'G',
            'ş' => 's',
            'Ş' => 'S',
            'ı' => 'i',
            'İ' => 'I',
            'ö' | 'ó' => 'o',
            'Ö' => 'O',
            'ü' | 'ū' => 'u',
            'Ü' => 'U',
            'ç' => 'c',
            'Ç' => 'C',
            'ä' | 'ə' => 'a',
            'Ä' => 'A',
            'ǵ' => 'g',
            'ʻ' => '\'',
            c => c,
        })
        .collect()
}

/// Lowercase ASCII words joined by `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in ascii(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        // `i` capitalises to `İ` in a Turkish pseudo-word; keep it simple.
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How many entities and footnotes a dataset gets, and the shapes the
/// scaling benchmark needs (`bench/scaling.sh`): each `Some` or `true`
/// pushes one dimension far past what a real dossier has.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub entities: usize,
    /// Footnotes; with 0, events cite none and quote no one.
    pub footnotes: usize,
    /// The `n`th citation (from 0) names outlet `n % outlets`, each a
    /// distinct name; `None`: one of 14 real outlets at random.
    pub outlets: Option<usize>,
    /// Event `i` carries one figure dated by year, of measure
    /// `i % measures`, each a distinct measure; `None`: 15% of events carry
    /// a figure of one of 6 measures.
    pub measures: Option<usize>,
    /// Actors per event; `None`: 2 to 5.
    pub actors: Option<usize>,
    /// Events with only a short id (`e1`), dates, a tab, a three-word
    /// title and footnotes: no summary, places, quotes, nor actors or
    /// figures unless `actors` or `measures` ask for them; empty lists are
    /// left out of the JSON.
    pub minimal: bool,
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            entities: 2000,
            footnotes: 5000,
            outlets: None,
            measures: None,
            actors: None,
            minimal: false,
        }
    }
}

/// Everything but the events, which are made on demand by [`Synth::event`].
pub struct Synth {
    seed: u64,
    sizes: Sizes,
    pub document: Document,
    pub tabs: Vec<Tab>,
    pub entities: Vec<Entity>,
    pub footnotes: Vec<Footnote>,
    /// Indices into `entities`.
    people: Vec<usize>,
    places: Vec<usize>,
    /// Real words first, then pseudo-words.
    vocab: Vec<String>,
    real_words: usize,
    by_id: HashMap<String, usize>,
}

impl Synth {
    pub fn new(seed: u64, sizes: Sizes) -> Synth {
        let vocab = vocabulary();
        let real_words = REAL_WORDS.split_whitespace().count();
        let entities = entities(seed, sizes.entities, &vocab[real_words..]);
        let people = kind_indices(&entities, &[EntityKind::Person]);
        let places = kind_indices(&entities, &[EntityKind::Place, EntityKind::Country]);
        let by_id = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let mut synth = Synth {
            seed,
            sizes,
            document: document(seed),
            tabs: tabs(),
            entities,
            footnotes: Vec::new(),
            people,
            places,
            vocab,
            real_words,
            by_id,
        };
        synth.footnotes = (1..=sizes.footnotes as u32)
            .scan(Vec::new(), |citations, number| {
                Some(synth.footnote(number, citations))
            })
            .collect();
        synth
    }

    /// The whole dataset in memory (for in-process benchmarks).
    pub fn dataset(&self, events: usize) -> Dataset {
        Dataset {
            format: Some(crate::model::FORMAT.to_string()),
            version: Some(crate::model::VERSION),
            document: self.document.clone(),
            tabs: self.tabs.clone(),
            events: (0..events).map(|i| self.event(i)).collect(),
            entities: self.entities.clone(),
            footnotes: self.footnotes.clone(),
        }
    }

    /// The dataset as JSON text, as `write` writes it.
    pub fn json(&self, events: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(events * 900 + 1_500_000);
        self.write(events, &mut out, None::<&mut io::Sink>)
            .expect("writing to memory cannot fail");
        out
    }

    /// Streams the dataset as JSON to `json`, one event, entity or footnote
    /// per line, and the same events as fzf input lines to `lines`.
    pub fn write<W: Write, L: Write>(
        &self,
        events: usize,
        json: &mut W,
        mut lines: Option<&mut L>,
    ) -> io::Result<()> {
        json.write_all(b"{\n\"format\": \"dossier\", \"version\": 2,\n\"document\": ")?;
        serde_json::to_writer(&mut *json, &self.document)?;
        json.write_all(b",\n\"tabs\": ")?;
        serde_json::to_writer(&mut *json, &self.tabs)?;
        json.write_all(b",\n\"events\": [")?;
        for i in 0..events {
            let event = self.event(i);
            json.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            if self.sizes.minimal {
                // Empty lists left out, as a hand-written file would.
                let mut value = serde_json::to_value(&event)?;
                if let Some(fields) = value.as_object_mut() {
                    fields.retain(|_, v| !matches!(v, serde_json::Value::Array(a) if a.is_empty()));
                }
                serde_json::to_writer(&mut *json, &value)?;
            } else {
                serde_json::to_writer(&mut *json, &event)?;
            }
            if let Some(lines) = lines.as_mut() {
                self.write_line(&event, lines)?;
            }
        }
        json.write_all(b"\n],\n\"entities\": [")?;
        for (i, entity) in self.entities.iter().enumerate() {
            json.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *json, entity)?;
        }
        json.write_all(b"\n],\n\"footnotes\": [")?;
        for (i, footnote) in self.footnotes.iter().enumerate() {
            json.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *json, footnote)?;
        }
        json.write_all(b"\n]\n}\n")
    }

    /// One fzf input line: `date title summary actor names`.
    pub fn write_line(&self, event: &Event, out: &mut impl Write) -> io::Result<()> {
        let date = event.date.as_deref().unwrap_or_default();
        write!(out, "{date} {} {}", event.title, event.summary)?;
        for id in &event.actors {
            write!(out, " {}", self.entity_by_id(id).name)?;
        }
        out.write_all(b"\n")
    }

    fn entity_by_id(&self, id: &str) -> &Entity {
        &self.entities[self.by_id[id]]
    }

    fn word(&self, rng: &mut Rng) -> &str {
        if rng.chance(0.82) {
            &self.vocab[rng.skewed(self.real_words)]
        } else {
            &self.vocab[self.real_words + rng.below(self.vocab.len() - self.real_words)]
        }
    }

    /// A short name for text: a person's last name, else the name.
    fn short_name(entity: &Entity) -> &str {
        match entity.kind {
            EntityKind::Person => entity.name.rsplit(' ').next().unwrap_or(&entity.name),
            _ => &entity.name,
        }
    }

    /// Entity index: the famous ones a quarter of the time.
    fn any_entity(&self, rng: &mut Rng) -> usize {
        if rng.chance(0.25) {
            rng.below(FAMOUS.len())
        } else {
            rng.below(self.entities.len())
        }
    }

    /// Event number `i` (0-based): the same for a given seed whatever the
    /// total number of events.
    pub fn event(&self, i: usize) -> Event {
        let mut rng = Rng::stream(self.seed, STREAM_EVENT, i as u64);
        let (date, end) = dates(&mut rng);
        let tab = TAB_IDS[rng.below(TAB_IDS.len())].to_string();

        let mut actors: Vec<usize> = Vec::new();
        let wanted = rng.range(2, 5);
        let wanted = self.sizes.actors.map_or(wanted, |n| n.min(self.entities.len()));
        while actors.len() < wanted {
            let e = if actors.is_empty() && rng.chance(0.6) {
                self.people[rng.skewed(self.people.len())]
            } else {
                self.any_entity(&mut rng)
            };
            if !actors.contains(&e) {
                actors.push(e);
            }
        }
        let mut places: Vec<usize> = Vec::new();
        for _ in 0..rng.range(0, 2) {
            let p = if rng.chance(0.3) {
                // The famous places are the last of FAMOUS.
                FAMOUS.len() - 1 - rng.below(6)
            } else {
                self.places[rng.below(self.places.len())]
            };
            if !places.contains(&p) {
                places.push(p);
            }
        }

        let title = self.title(&mut rng, &actors, &places);
        let summary = self.summary(&mut rng, &actors, &places, &date);
        let footnotes: Vec<u32> = if self.footnotes.is_empty() {
            Vec::new()
        } else {
            let mut f: Vec<u32> = (0..rng.range(1, 3))
                .map(|_| 1 + rng.below(self.footnotes.len()) as u32)
                .collect();
            f.sort_unstable();
            f.dedup();
            f
        };
        let mut figures = if rng.chance(0.15) {
            let (unit, measure) = *rng.pick(&UNITS);
            let value = match unit {
                "USD" => (rng.range(1, 999) as f64) * 1e6,
                _ => rng.range(5, 5000) as f64,
            };
            let qualifier = *rng.pick(&[
                Qualifier::Exact,
                Qualifier::About,
                Qualifier::Over,
                Qualifier::Target,
            ]);
            let year = date[..4].parse().ok().filter(|_| rng.chance(0.7));
            vec![Figure {
                value,
                unit: unit.to_string(),
                measure: measure.to_string(),
                year,
                qualifier,
            }]
        } else {
            Vec::new()
        };
        if let Some(measures) = self.sizes.measures {
            let k = i % measures;
            let (unit, measure) = UNITS[k % UNITS.len()];
            figures = vec![Figure {
                value: (rng.range(1, 999) as f64) * 1e6,
                unit: unit.to_string(),
                measure: format!("{measure} #{k}"),
                year: date[..4].parse().ok(),
                qualifier: Qualifier::Exact,
            }];
        }
        let speakers: Vec<usize> = actors
            .iter()
            .copied()
            .filter(|&a| self.entities[a].kind == EntityKind::Person)
            .collect();
        let quotes = if !speakers.is_empty() && !footnotes.is_empty() && rng.chance(0.06) {
            let speaker = &self.entities[*rng.pick(&speakers)];
            let words: Vec<&str> = (0..rng.range(8, 20)).map(|_| self.word(&mut rng)).collect();
            vec![Quote {
                speaker: speaker.id.clone(),
                text: format!("{}.", capitalise(&words.join(" "))),
                footnote: footnotes[0],
            }]
        } else {
            Vec::new()
        };
        let id_words: Vec<String> = title
            .split(' ')
            .take(4)
            .map(slug)
            .filter(|s| !s.is_empty())
            .collect();
        let mut event = Event {
            id: format!("{}-{}", id_words.join("-"), i + 1),
            date: Some(date),
            end,
            tab,
            title,
            summary,
            actors: actors.iter().map(|&a| self.entities[a].id.clone()).collect(),
            places: places.iter().map(|&p| self.entities[p].id.clone()).collect(),
            figures,
            footnotes,
            quotes,
            planned: rng.chance(0.03),
            provenance: Vec::new(),
            paragraph: None,
        };
        if self.sizes.minimal {
            // Made whole first, then cut down: a short id, the title's
            // first three words.
            event.id = format!("e{}", i + 1);
            event.title = event.title.split(' ').take(3).collect::<Vec<_>>().join(" ");
            event.summary.clear();
            event.places.clear();
            event.quotes.clear();
            if self.sizes.actors.is_none() {
                event.actors.clear();
            }
            if self.sizes.measures.is_none() {
                event.figures.clear();
            }
        }
        event
    }

    /// 4 to 10 words: who, a verb, what, and maybe where or with whom.
    fn title(&self, rng: &mut Rng, actors: &[usize], places: &[usize]) -> String {
        let verbs = [
            "signs",
            "opens",
            "backs",
            "hosts",
            "visits",
            "launches",
            "rejects",
            "extends",
            "announces",
            "approves",
            "suspends",
            "renews",
            "discusses",
            "ratifies",
            "postpones",
            "expands",
        ];
        let mut words: Vec<String> = vec![Self::short_name(&self.entities[actors[0]]).to_string()];
        words.push(rng.pick(&verbs).to_string());
        let target = rng.range(4, 10);
        let tail = match (places.first(), actors.get(1)) {
            (Some(&p), _) if rng.chance(0.5) => vec!["in".to_string(), self.entities[p].name.clone()],
            (_, Some(&a)) if rng.chance(0.5) => {
                vec![
                    "with".to_string(),
                    Self::short_name(&self.entities[a]).to_string(),
                ]
            }
            _ => Vec::new(),
        };
        while words.len() + tail.len() < target {
            words.push(self.word(rng).to_string());
        }
        words.extend(tail);
        let mut title = words.join(" ");
        // Some titles lead with a year, as dossiers often do.
        if rng.chance(0.05) {
            title = format!("{} {}", 1985 + rng.below(40), title);
        }
        title
    }

    /// 40 to 80 words of sentences, naming actors and places now and then.
    fn summary(&self, rng: &mut Rng, actors: &[usize], places: &[usize], date: &str) -> String {
        let target = rng.range(40, 80);
        let mut words: Vec<String> = Vec::with_capacity(target + 8);
        let mut sentence_start = true;
        let mut since_stop = 0;
        while words.len() < target {
            let roll = rng.unit();
            let mut word = if roll < 0.08 {
                self.entities[*rng.pick(actors)].name.clone()
            } else if roll < 0.11 && !places.is_empty() {
                format!("in {}", self.entities[*rng.pick(places)].name)
            } else if roll < 0.13 {
                // "since 2012", "in 2017": years in prose.
                let year = if rng.chance(0.5) {
                    date[..4].to_string()
                } else {
                    (1985 + rng.below(40)).to_string()
                };
                format!("{} {year}", rng.pick(&["since", "in", "until", "by"]))
            } else if roll < 0.45 {
                rng.pick(&GLUE).to_string()
            } else {
                self.word(rng).to_string()
            };
            if sentence_start {
                word = capitalise(&word);
                sentence_start = false;
            }
            since_stop += 1;
            if since_stop > 6 && rng.chance(0.12) {
                word.push(if rng.chance(0.8) { '.' } else { ';' });
                sentence_start = word.ends_with('.');
                since_stop = 0;
            } else if rng.chance(0.05) {
                word.push(',');
            }
            words.push(word);
        }
        let mut text = words.join(" ");
        if !text.ends_with('.') {
            text.truncate(text.trim_end_matches([',', ';']).len());
            text.push('.');
        }
        text
    }

    fn footnote(&self, number: u32, citations: &mut Vec<u32>) -> Footnote {
        let mut rng = Rng::stream(self.seed, STREAM_FOOTNOTE, u64::from(number));
        let roll = rng.unit();
        let body = if roll < 0.15 && !citations.is_empty() {
            let target = citations[citations.len() - 1 - rng.skewed(citations.len())];
            FootnoteBody::Backref {
                text: if rng.chance(0.5) {
                    "Ibid.".to_string()
                } else {
                    format!("{}, op. cit.", self.word(&mut rng))
                },
                refers_to: target,
            }
        } else if roll < 0.20 && number > 1 {
            let words: Vec<&str> = (0..rng.range(6, 16)).map(|_| self.word(&mut rng)).collect();
            FootnoteBody::Note {
                text: format!("{}.", capitalise(&words.join(" "))),
                url: None,
            }
        } else if roll < 0.24 && number > 1 {
            FootnoteBody::Unresolved {
                text: format!("{}, {}", capitalise(self.word(&mut rng)), 1985 + rng.below(40)),
            }
        } else {
            citations.push(number);
            let (outlet, host, language) = *rng.pick(&OUTLETS);
            let outlet = match self.sizes.outlets {
                Some(outlets) => {
                    let k = (citations.len() - 1) % outlets;
                    format!("{} {k}", OUTLETS[k % OUTLETS.len()].0)
                }
                None => outlet.to_string(),
            };
            let mut words: Vec<String> = Vec::new();
            if rng.chance(0.5) {
                words.push(Self::short_name(&self.entities[self.any_entity(&mut rng)]).to_string());
            }
            let length = rng.range(5, 10);
            while words.len() < length {
                words.push(self.word(&mut rng).to_string());
            }
            let title = capitalise(&words.join(" "));
            let year = 1985 + rng.below(40);
            let published = format!("{year}-{:02}-{:02}", rng.range(1, 12), rng.range(1, 28));
            let author = rng.chance(0.4).then(|| {
                let p = &self.entities[self.people[rng.below(self.people.len())]];
                p.name.clone()
            });
            FootnoteBody::Citation(Citation {
                author,
                url: Some(format!(
                    "https://{host}/{year}/{}-{number}",
                    slug(&title).chars().take(60).collect::<String>()
                )),
                title,
                outlet,
                published: Some(published),
                accessed: rng.chance(0.7).then(|| "2024-12-01".to_string()),
                language: Some(language.to_string()),
            })
        };
        Footnote { number, body }
    }
}

fn kind_name(kind: EntityKind) -> String {
    format!("{kind:?}").to_lowercase()
}

fn kind_indices(entities: &[Entity], kinds: &[EntityKind]) -> Vec<usize> {
    (0..entities.len())
        .filter(|&i| kinds.contains(&entities[i].kind))
        .collect()
}

/// Real words, then pseudo-words built from syllables (some with Turkish
/// letters), so that the vocabulary runs to a few thousand words.
fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = REAL_WORDS.split_whitespace().map(String::from).collect();
    let mut seen: HashSet<String> = words.iter().cloned().collect();
    let mut rng = Rng::stream(0x5EED, STREAM_VOCAB, 0);
    while words.len() < 3500 {
        let word: String = (0..rng.range(2, 4)).map(|_| *rng.pick(&SYLLABLES)).collect();
        if word.chars().count() >= 4 && seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

fn document(seed: u64) -> Document {
    Document {
        title: "SYNTHETIC DOSSIER: TURKEY AND KAZAKHSTAN, 1985-2024".to_string(),
        author: Some("Özge Nur Öğütcü (synthetic)".to_string()),
        author_role: Some("Generated for benchmarks".to_string()),
        publisher: Some("dossier benchmark generator".to_string()),
        series: Some(format!("seed {seed}")),
        published: Some("2024-12-31".to_string()),
        corrected: None,
        language: Some("en".to_string()),
        url: None,
        source_note: Some(format!(
            "Generated by `cargo run --release --example gen -- --seed {seed}`. Names are borrowed, events \
             are random: nothing here happened."
        )),
        overview: Some(
            "Random events over four decades of Turkish-Kazakh relations, made to measure load, \
             search and drawing at scale."
                .to_string(),
        ),
        conclusion: Some("None: the text is word salad with a realistic shape.".to_string()),
    }
}

fn tabs() -> Vec<Tab> {
    let titles = [
        "Political",
        "Economic",
        "Security & Military",
        "Regional Organizations",
    ];
    TAB_IDS
        .iter()
        .zip(titles)
        .map(|(id, title)| Tab {
            id: id.to_string(),
            title: title.to_string(),
            label: None,
            badge: None,
            color: None,
            summary: Some(format!("Synthetic {} events.", title.to_lowercase())),
        })
        .collect()
}

/// Start date and optional end, at year, month or day precision, with
/// `end` after the start.
fn dates(rng: &mut Rng) -> (String, Option<String>) {
    let year = 1985 + rng.below(40) as i32;
    let month = rng.range(1, 12) as u8;
    let day = rng.range(1, usize::from(crate::date::days_in_month(year, month))) as u8;
    let precision = rng.unit();
    let span = rng.chance(0.12);
    if precision < 0.15 {
        let end = span.then(|| format!("{}", year + rng.range(1, 5) as i32));
        (format!("{year}"), end)
    } else if precision < 0.40 {
        let end = span.then(|| {
            let months = i32::from(month) - 1 + rng.range(1, 18) as i32;
            format!("{}-{:02}", year + months / 12, months % 12 + 1)
        });
        (format!("{year}-{month:02}"), end)
    } else {
        let end = span.then(|| {
            let (mut y, mut m, mut d) = (year, month, day + rng.range(1, 20) as u8);
            while d > crate::date::days_in_month(y, m) {
                d -= crate::date::days_in_month(y, m);
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
            format!("{y}-{m:02}-{d:02}")
        });
        (format!("{year}-{month:02}-{day:02}"), end)
    }
}

/// The famous entities, then people, countries, organizations, companies,
/// agreements, initiatives and places up to `count`. Ids are slugs; a
/// generated one ends in its index, which keeps them unique.
fn entities(seed: u64, count: usize, pseudo: &[String]) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(count.max(FAMOUS.len()));
    for (id, name, kind, aliases) in FAMOUS {
        out.push(Entity {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            description: format!("{name}: one of the recurring {} entries.", kind_name(kind)),
            provenance: Vec::new(),
        });
    }
    let mut names: HashSet<String> = out.iter().map(|e| e.name.clone()).collect();
    let mut attempt = 0u64;
    while out.len() < count {
        attempt += 1;
        let mut rng = Rng::stream(seed, STREAM_ENTITY, attempt);
        let share = rng.unit();
        let (name, kind, mut aliases): (String, EntityKind, Vec<String>) = if share < 0.42 {
            let first = *rng.pick(&FIRST_NAMES);
            let last = *rng.pick(&LAST_NAMES);
            let name = format!("{first} {last}");
            (name, EntityKind::Person, vec![last.to_string()])
        } else if share < 0.44 {
            let c = *rng.pick(&COUNTRIES);
            (c.to_string(), EntityKind::Country, Vec::new())
        } else if share < 0.62 {
            let name = format!(
                "{} {} {}",
                rng.pick(&ORG_HEADS),
                rng.pick(&ORG_FIELDS),
                rng.pick(&ORG_TYPES)
            );
            let acronym: String = name
                .split([' ', '-'])
                .filter_map(|w| w.chars().next())
                .map(|c| c.to_ascii_uppercase())
                .collect();
            (name, EntityKind::Organization, vec![acronym])
        } else if share < 0.78 {
            let stem = capitalise(&pseudo[rng.below(pseudo.len())]);
            let name = format!("{stem} {}", rng.pick(&COMPANY_TYPES));
            (name, EntityKind::Company, vec![stem])
        } else if share < 0.84 {
            let name = format!(
                "{} {} Agreement {}",
                rng.pick(&ORG_FIELDS),
                rng.pick(&["Cooperation", "Partnership", "Protocol", "Framework"]),
                1985 + rng.below(40)
            );
            (name, EntityKind::Agreement, Vec::new())
        } else if share < 0.88 {
            let name = format!(
                "{} {}",
                capitalise(&pseudo[rng.below(pseudo.len())]),
                rng.pick(&["Programme", "Initiative", "Exercise", "Corridor"])
            );
            (name, EntityKind::Initiative, Vec::new())
        } else if rng.chance(0.3) {
            (rng.pick(&PLACES).to_string(), EntityKind::Place, Vec::new())
        } else {
            let name = format!(
                "{}{}",
                capitalise(&pseudo[rng.below(pseudo.len())]),
                rng.pick(&["kent", "abad", "tau", "köy", "su", " Province", " District"])
            );
            (name, EntityKind::Place, Vec::new())
        };
        // The same name twice would be two entities no reader could tell
        // apart. Past twice as many attempts as entities the names run
        // out (tens of thousands): a taken one is then numbered.
        let name = if names.contains(&name) && attempt > (count as u64) * 2 {
            format!("{name} {}", out.len())
        } else {
            name
        };
        if !names.insert(name.clone()) {
            continue;
        }
        let folded = ascii(&name);
        if folded != name {
            aliases.insert(0, folded);
        }
        aliases.retain(|a| *a != name);
        aliases.dedup();
        let index = out.len();
        out.push(Entity {
            id: format!("{}-{index}", slug(&name)),
            description: format!("A {} that appears in the synthetic events.", kind_name(kind)),
            name,
            kind,
            aliases,
            provenance: Vec::new(),
        });
    }
    out
}
