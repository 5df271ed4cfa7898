# case: the counter is reset to 0 on one path through the body, so it does not grow on every iteration
# kernel: reject
# expect: loop.unbounded @ insn 9
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r6 = *(u32 *)(r1 + 12)
        r0 = 0
        r1 = 0
loop:
        r1 += 1
        r0 += r1
        r2 = r0
        r2 &= r6
        if r2 != 5 goto keep
        r1 = 0
keep:
        if r1 < 32 goto loop
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
