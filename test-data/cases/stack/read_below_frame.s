# case: 8-byte read at r10-520, below the 512-byte stack frame
# type: xdp
# expect: stack.out_of_bounds @ insn 2
# kernel: reject
        .section xdp,"ax"
        r1 = 0
        *(u64 *)(r10 - 512) = r1
        r0 = *(u64 *)(r10 - 520)
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
