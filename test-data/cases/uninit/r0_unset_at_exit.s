# case: the program exits without ever setting r0 on the fall-through path
# type: xdp
# expect: exit.r0_uninit @ insn 4
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 16)
        if r2 == 0 goto out
        r0 = 1
        exit
out:
        exit

        .section license,"aw"
        .asciz "GPL"
