# case: 32-bit subtraction of two packet pointers (`w3 -= w2`, data_end - data) gives a scalar for a privileged loader: the kernel's rule for two pointers (only subtraction, any width) comes before its 32-bit pointer arithmetic rule
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 0)   # data
        r3 = *(u32 *)(r1 + 4)   # data_end
        w3 -= w2                # packet length, as a scalar
        r0 = 1
        if w3 < 14 goto out
        r0 = 2
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
