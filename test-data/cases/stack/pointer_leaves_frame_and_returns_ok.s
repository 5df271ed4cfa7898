# case: a stack pointer is moved below the frame and back before it is used; only the final address (r10-504) is accessed
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r1 = r10
        r1 += -600
        r1 += 96
        r2 = 0
        *(u64 *)(r1 + 0) = r2
        r0 = *(u64 *)(r10 - 504)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
