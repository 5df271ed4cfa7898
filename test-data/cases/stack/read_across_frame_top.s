# case: 8-byte read at r10-4 covers r10-4 .. r10+3 and straddles the top of the frame
# type: xdp
# expect: stack.out_of_bounds @ insn 2
# kernel: reject
        .section xdp,"ax"
        r1 = 0
        *(u64 *)(r10 - 8) = r1
        r0 = *(u64 *)(r10 - 4)
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
