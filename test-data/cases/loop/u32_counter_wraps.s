# case: a 32-bit counter compared with `w1 <= 0xffffffff`: every u32 value stays, so w1 wraps around forever
# kernel: reject
# expect: loop.unbounded @ insn 5
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        w0 = 0
        w1 = 0
loop:
        w0 += w1
        w1 += 1
        w2 = -1
        if w1 <= w2 goto loop
        w0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
