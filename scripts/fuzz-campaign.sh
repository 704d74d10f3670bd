#!/usr/bin/env bash
# Runs Jazzer fuzz campaigns, one target after another, and prints one summary line per target
# (executions, coverage, features, findings). See docs/FUZZING.md.
#
#   scripts/fuzz-campaign.sh SECONDS [module:Class#method ...]     (default: every target)
#
# Logs go to target/fuzz-logs/<Class>.<method>.log; new corpus entries to <module>/.cifuzz-corpus/;
# findings (crash-* files) to <module>/src/test/resources/<package>/<Class>Inputs/<method>/, where they
# become regression inputs of the normal build.
set -u
cd "$(dirname "$0")/.."
secs="${1:?usage: scripts/fuzz-campaign.sh SECONDS [module:Class#method ...]}"
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    proofs:RlpFuzzTest#rlpReader
    proofs:MptFuzzTest#mutatedProof
    proofs:AccountProofFuzzTest#eip1186
    proofs:ReceiptProofFuzzTest#receiptLog
    proofs:ReceiptProofFuzzTest#receiptDecode
    proofs:ExecutionHeaderFuzzTest#headerRlp
    proofs:ExecutionHeaderFuzzTest#headerJson
    proofs:BlockVerifierFuzzTest#block
    proofs:RpcJsonFuzzTest#jsonRpc
    lightclient:SszFuzzTest#lightClientContainers
    lightclient:UpdateFuzzTest#processUpdate
    lightclient:BeaconApiJsonFuzzTest#beaconJson
    lightclient:StoreFileFuzzTest#storeFile
    lightclient:StoreFileFuzzTest#storeFileChecksumFixed
    lightclient:ConfigYamlFuzzTest#configYaml
    lightclient:GloasUpdateFuzzTest#processUpdate
    lightclient:GloasUpdateFuzzTest#headerBinding
    cosmos:CometFuzzTest#lightBlock
    cosmos:Ics23FuzzTest#commitmentProof
  )
fi
mkdir -p target/fuzz-logs
./mvnw -B -ntp -q -pl proofs,lightclient,cosmos -am test-compile >/dev/null || exit 2
for t in "${targets[@]}"; do
  module="${t%%:*}"
  test="${t#*:}"
  log="target/fuzz-logs/${test/\#/.}.log"
  JAZZER_FUZZ=1 ./mvnw -B -ntp -q -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$secs" >"$log" 2>&1
  rc=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  findings=$(grep -cE '== Java Exception|FuzzTestFindingException|Test unit written' "$log")
  echo "$t rc=$rc findings=$findings :: ${last:-no libFuzzer status line}"
done
