# case: a subprogram calls itself (pseudo call to its own start)
# kernel: reject
# expect: cfg.recursion @ insn 4
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r1 = 5
        call countdown
        r0 = 2
        exit
        .size   prog, .-prog

        .text
        .type   countdown,@function
countdown:
        r0 = r1
        if r1 == 0 goto done
        r1 += -1
        call countdown
done:
        exit
        .size   countdown, .-countdown

        .section license,"aw"
        .asciz  "GPL"
