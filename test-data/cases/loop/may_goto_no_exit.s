# case: a may_goto inside the loop jumps to another block of the same loop, so even after its budget runs out the loop goes on
# kernel: reject
# expect: loop.infinite @ insn 1
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
loop:
        r0 += 1
        may_goto skip
        r0 += 2
skip:
        goto loop
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
