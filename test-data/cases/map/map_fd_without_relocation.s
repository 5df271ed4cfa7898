# case: a hand-written ld_imm64 of a map (src_reg BPF_PSEUDO_MAP_FD, imm 0) that no relocation names: libbpf leaves it as it is, and the kernel looks 0 up as a map's file descriptor (resolve_pseudo_ldimm64: "fd 0 is not pointing to valid bpf_map")
# kernel: reject
# expect: map.no_map @ insn 4
        .section "socket","ax"
        .globl  prog
        .type   prog,@function
prog:
        r2 = 0
        *(u64 *)(r10 - 8) = r2
        r2 = r10
        r2 += -8
        .byte 0x18, 0x11, 0, 0, 0, 0, 0, 0
        .byte 0, 0, 0, 0, 0, 0, 0, 0
        call 3
        r0 = 0
        exit
        .size   prog, .-prog
        .section license,"aw"
        .ascii  "GPL\0"
