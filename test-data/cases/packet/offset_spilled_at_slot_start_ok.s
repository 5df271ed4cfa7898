# case: offset_stored_at_unaligned_slot with the 4-byte store at r10-8, a slot's start: a privileged loader's narrow spill keeps the constant 20, the test bounds data + 20 and the read at data + 16 is in range
# kernel: accept
# expect: pass
        .section "tc","ax"
        .globl  prog
        .type   prog,@function
prog:
        r2 = *(u32 *)(r1 + 76)
        r3 = *(u32 *)(r1 + 80)
        w4 = 20
        *(u32 *)(r10 - 8) = r4
        r4 = *(u32 *)(r10 - 8)
        r0 = r2
        r0 += r4
        if r0 > r3 goto out
        r0 = *(u32 *)(r2 + 16)
out:
        r0 = 0
        exit
        .size   prog, .-prog
        .section license,"aw"
        .ascii  "GPL\0"
