# case: only the low 4 bytes of the context pointer are stored to the stack
# type: xdp
# expect: pointer.partial_spill @ insn 0
# kernel: reject
        .section xdp,"ax"
        *(u32 *)(r10 - 8) = r1
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
