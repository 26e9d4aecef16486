# Sourced by the scripts that read the catalogue's exports back with the
# Python libraries other people's software is built on. Makes, once, a
# virtual environment with every pinned package those scripts use, so
# they share one download and one folder.
#
#   source scripts/python-tools.sh
#   python="$(python_tools)"     # the environment's interpreter
#
# The folder is PYTHON_TOOLS_VENV, by default under the cargo target folder.

PYTHON_TOOLS_PACKAGES=(
  'rispy==0.10.0'        # RIS, as reference managers read it
  'citeproc-py==0.11.1'  # CSL, as reference managers render it
  'python-docx==1.2.0'   # Word documents
  'openpyxl==3.1.5'      # Excel workbooks
)

# Debian's python3 and python3-venv (apt), when python3 is missing or
# cannot make a virtual environment.
python_tools_install_python() {
  echo "== installing python3 and python3-venv (apt)" >&2
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "error: python3 cannot make a virtual environment, this is not root and there is no sudo;" >&2
      echo "       run as root: apt-get update && apt-get install -y python3 python3-venv" >&2
      exit 1
    fi
    sudo=(sudo)
    # No terminal (CI): fail instead of waiting for a password prompt.
    [[ -t 0 ]] || sudo=(sudo -n)
  fi
  ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y python3 python3-venv >&2
}

# Prints the path of the environment's python, making the environment
# first when it is missing or lacks a package.
python_tools() {
  local venv="${PYTHON_TOOLS_VENV:-${CARGO_TARGET_DIR:-target}/python-tools-venv}"
  if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import rispy, citeproc, docx, openpyxl' 2>/dev/null; then
    echo "== installing ${PYTHON_TOOLS_PACKAGES[*]} (pip) into $venv" >&2
    if ! command -v python3 >/dev/null 2>&1 || ! python3 -m venv "$venv" >&2; then
      rm -rf "$venv"
      python_tools_install_python
      python3 -m venv "$venv" >&2
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${PYTHON_TOOLS_PACKAGES[@]}" >&2
  fi
  echo "$venv/bin/python"
}
