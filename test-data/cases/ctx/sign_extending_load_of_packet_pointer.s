# case: a sign-extending load (BPF_MEMSX) of xdp_md->data is refused: the context's is_valid_access refuses it for the fields that give packet pointers (info->is_ldsx: invalid bpf_context access)
# type: xdp
# kernel: reject
# expect: ctx.bad_access @ insn 0
        .section xdp,"ax"
prog:
        r2 = *(s32 *)(r1 + 0)
        r0 = 2
        exit

        .section license,"aw"
        .asciz  "GPL"
