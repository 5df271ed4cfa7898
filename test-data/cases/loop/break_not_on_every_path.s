# case: the counter's test `if r1 >= 64 goto out` sits on one branch only; the other branch goes around the loop without it
# kernel: reject
# expect: loop.unbounded @ insn 5
#
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r6 = *(u32 *)(r1 + 12)
        r0 = 0
        r1 = 0
loop:
        r1 += 1
        if r6 == 0 goto skip
        if r1 >= 64 goto out
skip:
        r0 += r1
        goto loop
out:
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
