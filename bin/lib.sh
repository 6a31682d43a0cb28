# Shared by the bin/ scripts: quiet builds and the JDK that Maven's toolchain chose.

# lanes_build MODULE: packages MODULE and what it depends on, without tests; prints the log on failure.
lanes_build() {
  local log
  log="$(mktemp)"
  if ! (cd "$root" && ./mvnw -B -q -pl "$1" -am package -DskipTests) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "bin/$(basename "$0"): building module $1 failed (log above)" >&2
    exit 1
  fi
  rm -f "$log"
}

# lanes_java MODULE: the java launcher of the JDK recorded when MODULE was packaged.
lanes_java() {
  local settings="$root/$1/target/java-settings.txt" home
  home="$(sed -n 's/^ *java\.home = //p' "$settings" 2>/dev/null | head -n 1)"
  if [[ -z "$home" || ! -x "$home/bin/java" ]]; then
    echo "bin/$(basename "$0"): no JDK recorded in $settings; run ./mvnw package" >&2
    exit 1
  fi
  echo "$home/bin/java"
}
