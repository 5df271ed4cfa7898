# case: a netfilter program reads 4 bytes of its context's 8-byte state member: nf_is_valid_access allows the members only whole
# type: netfilter
# kernel: reject
# expect: ctx.bad_access @ insn 0
        .section netfilter,"ax"
prog:
        r2 = *(u32 *)(r1 + 0)
        r0 = 1
        exit

        .section license,"aw"
        .asciz  "GPL"
