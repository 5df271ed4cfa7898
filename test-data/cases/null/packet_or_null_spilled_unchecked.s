# case: as packet_or_null_spilled_checked_ok.s (a pointer to the IPv4 header or NULL kept in a stack slot across more path shapes than bpfcheck keeps apart), but the program reads through the reloaded pointer without checking it against NULL: on the path that is not IPv4 the kernel finds a number there ("invalid mem access 'scalar'"); past the 32 parts a program point keeps, the fold never joins the slot's NULL with the packet pointer while other parts can join (as the kernel walks the paths apart), so the reloaded pointer is the number 0 on the path that is not IPv4 and the read is refused as the kernel refuses it
# kernel: reject
# expect: pointer.not_pointer @ insn 44
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        r4 = r2
        r4 += 34
        if r4 > r3 goto drop
        r5 = 0
        r1 = *(u16 *)(r2 + 12)
        if r1 != 8 goto join
        r5 = r2
        r5 += 14
join:
        *(u64 *)(r10 - 8) = r5
        r6 = 0
        r1 = *(u8 *)(r2 + 16)
        if r1 != 0 goto skip0
        r6 = 1
skip0:
        r7 = 0
        r1 = *(u8 *)(r2 + 17)
        if r1 != 1 goto skip1
        r7 = 1
skip1:
        r8 = 0
        r1 = *(u8 *)(r2 + 18)
        if r1 != 2 goto skip2
        r8 = 1
skip2:
        r9 = 0
        r1 = *(u8 *)(r2 + 19)
        if r1 != 3 goto skip3
        r9 = 1
skip3:
        r1 = 0
        r4 = *(u8 *)(r2 + 20)
        if r4 != 0 goto sskip0
        r1 = 1
sskip0:
        *(u64 *)(r10 - 16) = r1
        r1 = 0
        r4 = *(u8 *)(r2 + 21)
        if r4 != 1 goto sskip1
        r1 = 1
sskip1:
        *(u64 *)(r10 - 24) = r1
        r1 = 0
        r4 = *(u8 *)(r2 + 22)
        if r4 != 2 goto sskip2
        r1 = 1
sskip2:
        *(u64 *)(r10 - 32) = r1
        r1 = *(u64 *)(r10 - 8)
        if r6 == 0 goto out
        r0 = *(u8 *)(r1 + 8)
        r0 += r6
        r0 += r7
        r0 += r8
        r0 += r9
        exit
out:
        r0 = 2
        exit
drop:
        r0 = 1
        exit
        .size   prog, .-prog

        .section license,"aw"
        .ascii  "GPL\0"
