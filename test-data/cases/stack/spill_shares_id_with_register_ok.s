# case: an unbounded scalar spilled whole to an 8-aligned slot shares an id with its register (check_stack_write_fixed_off, privileged); bounding the register bounds the spilled copy, so the fill's second check is decided and the invalid read behind it is dead
# kernel: accept
# expect: pass
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        call 7
        *(u64 *)(r10 - 8) = r0
        if r0 > 16 goto out
        r0 = *(u64 *)(r10 - 8)
        if r0 <= 16 goto out
        r0 = *(u64 *)(r9 + 0)
out:
        r0 = 0
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
