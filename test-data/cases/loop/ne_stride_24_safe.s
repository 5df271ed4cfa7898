# case: the counter steps by 24 from 0 and the loop runs while it is != 1200, as clang compiles a loop over fifty 24-byte structs: from the exact start and stride it hits 1200 after 50 steps
# kernel: accept
# expect: pass
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r3 = *(u32 *)(r1 + 12)
        r0 = 0
        r1 = 0
loop:
        r2 = r1
        r2 *= r3
        r0 ^= r2
        r1 += 24
        if r1 != 1200 goto loop
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
