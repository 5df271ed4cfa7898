# case: the packet offset 20 is stored to the stack with a 4-byte store at r10-4 and read back: the kernel keeps a constant in stack bytes only as a spill at an 8-byte aligned slot (or as zeros, STACK_ZERO), so the bytes at r10-4 read back unknown, data + r4 has no bound the test can carry to data, and the read at data + 16 is refused
# kernel: reject
# expect: packet.bounds @ insn 8
        .section "tc","ax"
        .globl  prog
        .type   prog,@function
prog:
        r2 = *(u32 *)(r1 + 76)
        r3 = *(u32 *)(r1 + 80)
        w4 = 20
        *(u32 *)(r10 - 4) = r4
        r4 = *(u32 *)(r10 - 4)
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
