# case: 8-byte load at pt_regs offset 4 is not aligned to its size
# type: kprobe
# expect: ctx.bad_access @ insn 0
# kernel: reject
        .section kprobe/tcp_sendmsg,"ax"
        r0 = *(u64 *)(r1 + 4)
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
