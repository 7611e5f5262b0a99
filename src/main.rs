fn main() {
    println!("dossier: under construction");
}
