# case: bpf_spin_lock on the value of a map from a legacy `maps` section: the map has no BTF, so the kernel cannot find a lock in its value ("map 'counters' has to have BTF in order to use bpf_spin_lock")
# kernel: reject
# expect: map.no_btf @ insn 10
        .section tc,"ax"
        .globl prog
        .type prog,@function
prog:
        r1 = 0
        *(u32 *)(r10 - 4) = r1
        r2 = r10
        r2 += -4
        r1 = counters ll
        call 1                          # bpf_map_lookup_elem
        if r0 == 0 goto out
        r6 = r0
        r1 = r0
        call 93                         # bpf_spin_lock(&value->lock)
        r1 = *(u32 *)(r6 + 4)
        r1 += 1
        *(u32 *)(r6 + 4) = r1
        r1 = r6
        call 94                         # bpf_spin_unlock
out:
        r0 = 0
        exit
        .size prog, .-prog

        .section maps,"aw"
        .globl counters
        .type counters,@object
counters:
        .long 2, 4, 8, 1, 0             # BPF_MAP_TYPE_ARRAY, key 4, value 8 (lock, count), 1 entry
        .size counters, 20

        .section license,"aw"
        .asciz "GPL"
