# Sourced by the bench scripts: argument checks, the tools they need, and
# the release binaries they build. `$script` names the caller in messages.

script="$(basename "$0")"

# Exits with a message unless every argument is a whole number (`positive`
# as the first argument: 1 or more).
whole_numbers() {
  local pattern='^[0-9]+$' kind=""
  if [[ "${1:-}" == positive ]]; then
    pattern='^[1-9][0-9]*$'
    kind="positive "
    shift
  fi
  local value
  for value in "$@"; do
    if ! [[ "$value" =~ $pattern ]]; then
      echo "$script: expected a ${kind}whole number, got \"$value\"" >&2
      exit 2
    fi
  done
}

# Exits, saying how to install them, if any of the named tools is missing:
# the scripts install nothing themselves.
need() {
  local missing=() tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  ((${#missing[@]})) || return 0
  echo "$script: missing: ${missing[*]}" >&2
  for tool in "${missing[@]}"; do
    case "$tool" in
      cargo) echo "  cargo: install Rust from https://rustup.rs" >&2 ;;
      *) echo "  $tool: apt-get install -y $tool   (Debian/Ubuntu; brew install $tool on macOS)" >&2 ;;
    esac
  done
  echo "$script installs nothing itself." >&2
  exit 2
}

# Builds the release binaries with the given cargo arguments from the
# repository's root (made the working directory), and sets `$release` to
# the directory that holds them.
build_release() {
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$repo"
  echo "Building release binaries..." >&2
  cargo build --release --quiet "$@"
  local target
  target="$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
  release="${target:-$repo/target}/release"
}
