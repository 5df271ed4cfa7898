# An XDP program using a map from a legacy `maps` section (struct bpf_map_def:
# type, key_size, value_size, max_entries, map_flags), which libbpf 1.x refuses
# to open: `bpfcheck compare` loads it through its own fallback, creating the
# map and patching its fd into the ld_imm64. The lookup's result is checked
# before use, so both bpfcheck and the kernel accept it.
        .section xdp,"ax"
        .globl prog
        .type prog,@function
prog:
        r1 = 0
        *(u32 *)(r10 - 4) = r1
        r2 = r10
        r2 += -4
        r1 = my_map ll
        call 1
        if r0 == 0 goto out
        r1 = *(u64 *)(r0 + 0)
out:
        r0 = 2
        exit
        .size prog, .-prog

        .section maps,"aw"
        .globl my_map
        .type my_map,@object
my_map:
        .long 2, 4, 8, 1, 0             # BPF_MAP_TYPE_ARRAY, key 4, value 8, 1 entry
        .size my_map, 20

        .section license,"aw"
        .asciz "GPL"
