# case: the loop's only exit tests r1 > 10 but r1 stays 0: the exit is never taken, so the counter r0 never ends the loop
# kernel: reject
# expect: loop.unbounded @ insn 3
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
        r1 = 0
loop:
        r0 += 1
        if r1 > 10 goto out
        goto loop
out:
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
