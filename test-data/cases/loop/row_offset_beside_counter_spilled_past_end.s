# case: row_offset_beside_counter_spilled with one row more (i > 9): the last row's final byte is at 0x220 * 10 + 0x21f, past the 5440-byte value; the kernel refuses the write (off=5983)
# kernel: reject
# expect: map.bounds @ insn 15
        .section "kprobe/do_nothing","ax"
        .globl  prog
        .type   prog,@function
prog:
        call 7
        r9 = r0
        r6 = rows ll
        *(u64 *)(r10 - 24) = r6
        r3 = 0
        r5 = 0
loop:
        *(u64 *)(r10 - 32) = r3
        *(u64 *)(r10 - 40) = r5
        call 7
        if r0 == 0 goto next
        r1 = *(u64 *)(r10 - 24)
        r5 = *(u64 *)(r10 - 40)
        r1 += r5
        r2 = 1
        *(u8 *)(r1 + 0x21f) = r2
next:
        r3 = *(u64 *)(r10 - 32)
        r5 = *(u64 *)(r10 - 40)
        if r3 > 9 goto out
        r5 += 0x220
        r3 += 1
        if r9 > r3 goto loop
out:
        r0 = 0
        exit
        .size   prog, .-prog

        .section .bss,"aw",@nobits
        .globl  rows
        .p2align 3
rows:
        .zero 5440
        .section license,"aw"
        .ascii  "GPL\0"
