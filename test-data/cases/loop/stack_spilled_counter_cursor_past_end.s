# case: the same loop with the counter and cursor in stack slots, run 3 times: the third iteration writes 4 bytes at offset 80 of an 80-byte value
# kernel: reject
# expect: map.bounds @ insn 13
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r1 = 0
        *(u32 *)(r10 - 4) = r1
        r2 = r10
        r2 += -4
        r1 = values ll
        call 1                          # bpf_map_lookup_elem
        if r0 == 0 goto out
        *(u64 *)(r10 - 16) = r0         # the cursor into the value, spilled
        r1 = 0
        *(u64 *)(r10 - 24) = r1         # the counter, spilled
loop:
        r3 = *(u64 *)(r10 - 16)
        r1 = 7
        *(u32 *)(r3 + 0) = r1
        r3 += 40
        *(u64 *)(r10 - 16) = r3
        r2 = *(u64 *)(r10 - 24)
        r2 += 1
        *(u64 *)(r10 - 24) = r2
        if r2 != 3 goto loop
out:
        r0 = 2
        exit
        .size   prog, .-prog

        .section maps,"aw"
        .globl values
        .type values,@object
values:
        .long 2, 4, 80, 1, 0            # BPF_MAP_TYPE_ARRAY, key 4, value 80, 1 entry
        .size values, 20

        .section license,"aw"
        .asciz  "GPL"
