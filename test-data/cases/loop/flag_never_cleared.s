# case: a loop on a flag that is set again on every iteration: each iteration returns to the state it started from, so no walk of partitions bounds it (the kernel: "infinite loop detected")
# kernel: reject
# expect: loop.unbounded @ insn 5
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
        r3 = 1
loop:
        r5 = r3
        r5 &= 1
        r3 = 1
        if r5 != 0 goto loop
        exit
        .size   prog, .-prog
