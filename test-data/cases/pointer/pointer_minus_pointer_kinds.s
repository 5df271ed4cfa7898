# case: subtracting a stack pointer from the context pointer gives a scalar for a privileged loader: the kernel does not require both pointers to be of one kind
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        r2 = r10
        r2 += -8
        r1 -= r2                # ctx - stack: an unknown scalar
        r0 = r1
        r0 &= 1
        exit

        .section license,"aw"
        .asciz  "GPL"
