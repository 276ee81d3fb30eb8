#!/usr/bin/env bash
# Makes sure the tests' outside tools exist: a Chromium for Playwright, poppler and qpdf for reading
# PDFs, Pandoc with apa.csl and TeX Live's BibLaTeX files for the citation oracle, EPUBCheck for the EPUB,
# strace for the test that a build reaches no network, xmllint for the course package.
# On Debian as root it installs them; elsewhere it says what to install.
set -euo pipefail

have_chromium() {
  [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ] && return 0
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    [ -x "$candidate" ] && return 0
  done
  # Playwright's own browser, on a laptop where `npx playwright install chromium` works.
  node -e "const fs=require('fs');const {chromium}=require('playwright');process.exit(fs.existsSync(chromium.executablePath())?0:1)" 2>/dev/null
}

missing=()
have_chromium || missing+=(chromium)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
# The citation oracle (tests/build/citation-oracle.test.ts): Pandoc, the APA CSL style and TeX Live's .bib files.
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
[ -f /usr/share/citation-style-language/styles/apa.csl ] || missing+=(citation-style-language-styles)
# EPUBCheck for the EPUB tests: Debian installs it as a jar that runs with Java.
{ [ -f /usr/share/java/epubcheck.jar ] || command -v epubcheck >/dev/null 2>&1; } || missing+=(epubcheck)
# strace records every connection a build tries (tests/build/network.test.ts).
command -v strace >/dev/null 2>&1 || missing+=(strace)
# xmllint validates the course package (IMS Common Cartridge) against the IMS schemas.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
# Only the .bib files are needed: without TeX Live's recommended packages (hundreds of MB).
lean=()
[ -f /usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib ] || lean+=(texlive-bibtex-extra)
[ ${#missing[@]} -eq 0 ] && [ ${#lean[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing ${missing[*]} ${lean[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq "${missing[@]}" >/dev/null
  [ ${#lean[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
  exit 0
fi

echo "Missing: ${missing[*]} ${lean[*]}." >&2
echo "Install them with your package manager (Debian/Ubuntu: sudo apt-get install ${missing[*]} ${lean[*]})," >&2
echo "or point CHROMIUM_PATH at a Chrome/Chromium binary, or run 'npx playwright install chromium'." >&2
exit 1
