# case: hand-written code "allocates" stack by moving the frame pointer; r10 is read-only
# type: xdp
# expect: stack.frame_pointer @ insn 0
# kernel: reject
#
        .section xdp,"ax"
        r10 += -64
        r1 = 0
        *(u64 *)(r10 - 8) = r1
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
