# case: a stack pointer is scaled with `*=`, as if hashing an address
# kernel: reject
# expect: pointer.arithmetic @ insn 3
        .section socket,"ax"
prog:
        r1 = 0
        *(u64 *)(r10 - 8) = r1
        r2 = r10
        r2 *= 31
        r0 = r2
        r0 &= 0xff
        exit

        .section license,"aw"
        .asciz  "GPL"
