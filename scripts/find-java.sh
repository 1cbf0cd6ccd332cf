# Sourced by ./cascadia and .ci/run: sets JAVA_HOME to a JDK >= 21 (JAVA_HOME if it qualifies, else the newest
# Temurin or other JDK under /usr/lib/jvm, else java on PATH), or exits with a clear message.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1 | cut -d. -f1
}

qualifies() {
  [ -x "$1/bin/java" ] || return 1
  local major
  major=$(java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

find_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && qualifies "$JAVA_HOME"; then
    return 0
  fi
  local candidate best="" best_major=0 major
  for candidate in /usr/lib/jvm/temurin-* /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    qualifies "$candidate" || continue
    major=$(java_major "$candidate/bin/java")
    if [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    qualifies "$candidate" && best="$candidate"
  fi
  if [ -z "$best" ]; then
    echo "cascadia: no JDK 21 or newer found. Set JAVA_HOME to one, or install one under /usr/lib/jvm (e.g. Temurin 25)." >&2
    exit 1
  fi
  export JAVA_HOME="$best"
}

find_java_home
export PATH="$JAVA_HOME/bin:$PATH"
# Maven itself still uses sun.misc.Unsafe; JDK 24+ warns on every build unless told it is allowed.
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
