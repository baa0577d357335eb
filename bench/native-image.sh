#!/usr/bin/env bash
# bench/native-image.sh: can a GraalVM Native Image of the signet CLI be built from Maven Central and a
# stock Temurin 25 alone (issue 13)? Tries it and, either way, times start-up. Method and result: BENCHMARKS.md.
#
#  1. Resolves the image builder, org.graalvm.nativeimage:svm:$GRAAL_VERSION and its dependencies
#     (compiler, pointsto, objectfile, nativeimage, ...), into $WORK/lib with Maven. The `native-image`
#     driver itself is not published to Maven (svm-driver), so the builder's main class,
#     com.oracle.svm.hosted.NativeImageGeneratorRunner, is run directly on Temurin 25 with JVMCI enabled
#     and the compiler jar on --upgrade-module-path.
#  2. Run A: as is. Run B: with empty placeholder libjava.a/libnio.a/libnet.a/libjvm.a, to see what it
#     needs next. Run B needs a copy of the JDK holding lib/svm/builder/lib/libreporterchelper.so, a
#     two-function JNI stub compiled here, because without it the builder hides its error behind
#     "Helper library for ProgressReporterCHelper not available".
#  3. If an executable came out, times it; then times the JVM start-up it would replace: `java -version`,
#     `signet version` and `signet verify --help`, plain, with the launcher's flags, and with a JDK 25
#     AOT cache trained on `version`.
# Knobs (environment): SIGNET_JAR (cli/target/signet.jar), GRAAL_VERSION (25.0.2), WORK
# (target/native-image), RUNS (20), MAVEN_REPO_LOCAL ($WORK/m2, to keep the builder out of ~/.m2).
# Needs mvn, gcc (run B only) and about 1 GB in $WORK; installs hyperfine when missing, if it can.
set -uo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$here/bin/java-env.sh"; signet_find_java || exit 1
jar=$(readlink -f "${SIGNET_JAR:-$here/cli/target/signet.jar}")
gv=${GRAAL_VERSION:-25.0.2}
work=$(mkdir -p "${WORK:-$here/target/native-image}" && cd "${WORK:-$here/target/native-image}" && pwd)
repo=${MAVEN_REPO_LOCAL:-$work/m2}
runs=${RUNS:-20}
[ -f "$jar" ] || { echo "native-image.sh: no signet jar at $jar: build it (./signet version) or set SIGNET_JAR" >&2; exit 1; }
java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -version >/dev/null 2>&1 \
  || { echo "native-image.sh: $JAVA_HOME has no JVMCI (-XX:+EnableJVMCI fails): the image builder cannot run on it" >&2; exit 1; }

echo "== 1. resolving org.graalvm.nativeimage:svm:$gv (Maven)"
mkdir -p "$work/resolve"
cat >"$work/resolve/pom.xml" <<EOF
<project><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>native-image-probe</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies><dependency><groupId>org.graalvm.nativeimage</groupId><artifactId>svm</artifactId><version>$gv</version></dependency></dependencies>
</project>
EOF
rm -rf "$work/lib"
(cd "$work/resolve" && mvn -B -ntp -q -Dmaven.repo.local="$repo" dependency:copy-dependencies \
  -DoutputDirectory="$work/lib" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -v -e '^WARNING' -e '^$') # Maven's own JDK 25 warnings
ls "$work/lib"/svm-"$gv".jar >/dev/null 2>&1 || { echo "native-image.sh: could not resolve org.graalvm.nativeimage:svm:$gv" >&2; exit 1; }
ls "$work/lib" | paste -sd' ' 

# The builder's JVM: every package of the JDK modules it reaches into, exported and opened to its modules
# (the driver would pass these; its list is not published either).
to=org.graalvm.nativeimage.builder,org.graalvm.nativeimage.base,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.configure,org.graalvm.truffle.compiler,jdk.graal.compiler
: >"$work/builder.args"
for m in java.base jdk.internal.vm.ci java.management jdk.management jdk.jfr jdk.internal.jvmstat jdk.unsupported jdk.zipfs java.net.http java.naming jdk.net java.security.jgss java.desktop java.instrument; do
  java --describe-module "$m" | awk '$1=="contains"{print $2} $1=="qualified"{print $3}' | while read -r p; do
    echo "--add-exports=$m/$p=$to"; echo "--add-opens=$m/$p=$to"; done
done >>"$work/builder.args"
build() { # JAVA_HOME-to-use out-dir extra-options... ; runs the builder on the signet jar
  local jh=$1 out=$2; shift 2; rm -rf "$out"; mkdir -p "$out"
  "$jh/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:+UseParallelGC -Xss10m \
    --upgrade-module-path "$(ls "$work"/lib/compiler-*.jar)" \
    --module-path "$(ls "$work"/lib/*.jar | grep -v '/compiler-' | paste -sd:)" --add-modules ALL-DEFAULT \
    --enable-native-access=org.graalvm.nativeimage.builder @"$work/builder.args" \
    -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader \
    -Dorg.graalvm.nativeimage.imagecode=buildtime -Djava.awt.headless=true \
    -Dorg.graalvm.version="$gv" -Dorg.graalvm.vendor=local \
    -m org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner \
    -imagecp "$jar" -H:Path="$out" -H:Name=signet -H:Class=dev.signet.cli.Main \
    -H:ImageBuildID="$(cat /proc/sys/kernel/random/uuid)" "$@" >"$out.log" 2>&1
  echo "-- builder exit code $?; its errors ($out.log):"
  grep -v -E '^WARNING: Unknown module' "$out.log" | grep -E -A3 '^Error:|^> |^Fatal error' | head -12
}
echo "== 2A. image builder on $JAVA_HOME, as is"
build "$JAVA_HOME" "$work/run-a"
echo "== 2B. the same with empty placeholder static libraries and the reporter stub"
exe=$work/run-a/signet
if command -v gcc >/dev/null; then
  rm -rf "$work/jdk" "$work/placeholder"; cp -a "$JAVA_HOME/." "$work/jdk"; mkdir -p "$work/jdk/lib/svm/builder/lib" "$work/placeholder"
  cat >"$work/reporterchelper.c" <<'EOF'
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>
JNIEXPORT jint JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *e, jclass c) {
  struct winsize w; return ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 ? w.ws_col : 0; }
JNIEXPORT jlong JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *e, jclass c) {
  struct rusage r; return getrusage(RUSAGE_SELF, &r) == 0 ? (jlong) r.ru_maxrss * 1024 : -1; }
EOF
  gcc -shared -fPIC -O2 -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" \
    -o "$work/jdk/lib/svm/builder/lib/libreporterchelper.so" "$work/reporterchelper.c"
  for l in java nio net zip jvm; do ar rc "$work/placeholder/lib$l.a"; done
  build "$work/jdk" "$work/run-b" -H:CLibraryPath="$work/placeholder"
  [ -x "$exe" ] || exe=$work/run-b/signet
  rm -rf "$work/jdk"
else
  echo "-- skipped: no gcc"
fi

echo "== 3. start-up, $runs runs after 3 warm-ups"
command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null 2>&1 || true; }
names=("java -version"); cmds=("java -version")
if [ -x "$exe" ] && "$exe" version >/dev/null 2>&1; then
  echo "-- a native executable was built: $exe"
  names+=("native: signet version" "native: signet verify --help"); cmds+=("$exe version" "$exe verify --help")
else
  echo "-- NO native executable: Native Image cannot be built from these sources (see the errors above)"
fi
launcher="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xlog:aot=off -Xlog:cds=off"
$launcher -XX:AOTCacheOutput="$work/signet.aot" -jar "$jar" version >"$work/aot-train.log" 2>&1
aot="-XX:AOTCache=$work/signet.aot"
names+=("java -jar signet.jar version" "launcher flags: version" "launcher flags + AOT cache: version"
        "java -jar signet.jar verify --help" "launcher flags + AOT cache: verify --help")
cmds+=("java -jar $jar version" "$launcher -jar $jar version" "$launcher $aot -jar $jar version"
       "java -jar $jar verify --help" "$launcher $aot -jar $jar verify --help")
echo "-- load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v hyperfine >/dev/null; then
  hargs=(); for i in "${!cmds[@]}"; do hargs+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
  hyperfine -N -i --warmup 3 --runs "$runs" --export-markdown "$work/startup.md" "${hargs[@]}" >/dev/null 2>&1
  cat "$work/startup.md"
else
  for i in "${!cmds[@]}"; do c=${cmds[$i]}
    for _ in 1 2 3; do $c >/dev/null 2>&1; done
    s=$(date +%s%N); for _ in $(seq "$runs"); do $c >/dev/null 2>&1; done; e=$(date +%s%N)
    printf '%8d ms  %s\n' "$(( (e - s) / runs / 1000000 ))" "${names[$i]}"
  done
fi
