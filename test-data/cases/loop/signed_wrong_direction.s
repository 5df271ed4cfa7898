# case: a signed counter starts at 10 and counts down while `r1 s< 20`: it leaves the range only by wrapping past INT64_MIN, after 2^63 steps
# kernel: reject
# expect: loop.unbounded @ insn 5
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
        r1 = 10
loop:
        r0 += r1
        r1 += -1
        r2 = 20
        if r1 s< r2 goto loop
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
