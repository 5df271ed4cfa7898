# case: a loop over 2-byte cells of a 1480-byte value whose exit test compares a zero-extended copy of the offset before its step (r5 = r3 + 2; r3 <<= 32; r4 = r3; r4 >>= 32; r3 = r5; if r4 < 1477: clang's -mcpu=v1 code for a 32-bit int counter); the copy of the shifted value shifts back to the old offset, whose bound bounds the new one (r3 <= 1478), as the kernel's walk with constants does
# kernel: accept
# expect: pass
        .section "kprobe/do_nothing","ax"
        .globl  prog
        .type   prog,@function
prog:
        r6 = buf ll
        r3 = 0
loop:
        r1 = r6
        r1 += r3
        r2 = 7
        *(u16 *)(r1 + 0) = r2
        r5 = r3
        r5 += 2
        r3 <<= 32
        r4 = r3
        r4 >>= 32
        r3 = r5
        if r4 < 1477 goto loop
        r0 = 0
        exit
        .size   prog, .-prog

        .section .bss,"aw",@nobits
        .globl  buf
        .p2align 3
buf:
        .zero 1480
        .section license,"aw"
        .ascii  "GPL\0"
