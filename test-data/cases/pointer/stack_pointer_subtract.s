# case: a constant is subtracted from a stack pointer (`r4 -= 8`); the kernel allows only additions to the frame pointer
# kernel: reject
# expect: pointer.arithmetic @ insn 2
#
        .section socket,"ax"
prog:
        r4 = r10
        r4 += -8
        r4 -= 8                 # r10 - 16
        r5 = 7
        *(u64 *)(r4 + 0) = r5
        r0 = *(u64 *)(r10 - 16)
        r0 &= 1
        exit

        .section license,"aw"
        .asciz  "GPL"
