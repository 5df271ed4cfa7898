# case: a spilled context pointer is partly overwritten by a 4-byte scalar store; the filled value is a number and dereferencing it is invalid
# type: xdp
# expect: pointer.not_pointer @ insn 4
# kernel: reject
        .section xdp,"ax"
        *(u64 *)(r10 - 8) = r1
        r2 = 0
        *(u32 *)(r10 - 8) = r2
        r1 = *(u64 *)(r10 - 8)
        r0 = *(u32 *)(r1 + 12)
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
