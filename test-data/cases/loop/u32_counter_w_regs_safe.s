# case: a 32-bit counter in a w register (alu32: w1 += 1, if w1 < 100) bounds the loop
# kernel: accept
# expect: pass
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        w0 = 0
        w1 = 0
loop:
        w0 += w1
        w1 += 1
        if w1 < 100 goto loop
        w0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
