# case: two loops (one nested in the other) with --kernel 4.19: each back-edge is refused, both bounded or not
# args: --kernel 4.19
# kernel: accept
# kernel-differs: the target is Linux 4.19 (--kernel 4.19), whose verifier refuses every back-edge; the running kernel (5.3 or later) verifies both bounded loops
# expect: loop.backedge @ insn 5
# expect: loop.backedge @ insn 7
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
        r1 = 0
outer:
        r2 = 0
inner:
        r0 += r2
        r2 += 1
        if r2 < 4 goto inner
        r1 += 1
        if r1 < 4 goto outer
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
