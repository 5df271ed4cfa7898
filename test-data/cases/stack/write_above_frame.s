# case: 4-byte store at r10+0: the frame is r10-512 .. r10-1, so r10 itself is outside it
# type: xdp
# expect: stack.out_of_bounds @ insn 1
# kernel: reject
        .section xdp,"ax"
        r1 = 7
        *(u32 *)(r10 + 0) = r1
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
