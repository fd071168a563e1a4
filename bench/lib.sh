# Shared by the bench/*.sh scripts: source it, set RUNS first.

# Median wall time in ms of RUNS runs of "$@" (output discarded, exit code ignored).
median_ms() {
    local times=()
    for ((i = 0; i < RUNS; i++)); do
        local start end
        start=$(date +%s%N)
        "$@" > /dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}
