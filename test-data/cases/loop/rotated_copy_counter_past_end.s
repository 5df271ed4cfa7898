# case: the same rotated loop compared with 10 (if r2 < 10): the stepped index reaches 10, one past the 10-byte buffer, on the next iteration
# type: socket_filter
# kernel: reject
# expect: map.bounds @ insn 6
        .section socket,"ax"
        .globl  prog
        .type   prog,@function
prog:
        call 5
        if r0 > 9 goto out
loop:
        r1 = buf ll
        r2 = r0
        r1 += r2
        r3 = *(u8 *)(r1 + 0)
        r0 = r2
        r0 += 1
        if r2 < 10 goto loop
        exit
out:
        r0 = 0
        exit
        .size   prog, .-prog

        .section .data.buf,"aw"
        .type   buf,@object
buf:
        .zero 10
        .size   buf, 10
        .section license,"aw"
        .asciz "GPL"
