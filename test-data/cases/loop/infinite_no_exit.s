# case: a loop with no exit at all (the assembly clang would leave for `while (1)`, which it may drop in C)
# kernel: reject
# expect: loop.infinite @ insn 1
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
loop:
        r0 += 1
        goto loop
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
