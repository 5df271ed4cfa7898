# case: w0 in u32 [0, 0x80000003] and s32 [-3, 5]: the unsigned range meets only the non-negative end of the signed one, so w0 is in [0, 5] (__reg32_deduce_bounds, the sign-crossing case) and `w0 <= 5` always jumps: the read of the never-written r9 is dead
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        call 7
        w0 &= 0xffffffff
        if w0 > 0x80000003 goto out
        if w0 s< -3 goto out
        if w0 s> 5 goto out
        if w0 <= 5 goto out
        r0 = r9
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
