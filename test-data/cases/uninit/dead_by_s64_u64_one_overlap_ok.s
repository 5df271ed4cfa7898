# case: after `r0 = (s8)r0` (s64 range [-128, 127]) and `r0 <= 0xffffffffffffff00` (unsigned), the unsigned range meets only the non-negative end of the signed one, so r0 is in [0, 127] (__reg64_deduce_bounds, the sign-crossing case) and `r0 < 128` always jumps: the read of the never-written r9 is dead
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        call 7
        r0 = (s8)r0
        r1 = 0xffffffffffffff00 ll
        if r0 > r1 goto out
        if r0 < 128 goto out
        r0 = r9
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
