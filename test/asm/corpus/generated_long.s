# A long generated program (deterministic pseudo-random): relaxation over many frags and labels.
    .text
    .globl _start
_start:
L0:
    bltu  s2, a0, L136
    .fill 16, 2, 0x0001
L1:
    li    s2, -33072
L2:
    li    s0, 14704
L3:
    beqz  s0, L91
L4:
    beqz  s0, L156
L5:
    la    s2, L0
L6:
    li    a0, -22640
L7:
    la    s2, L15
L8:
    li    s0, -9456
L9:
    li    a0, 49104
L10:
    beqz  a0, L0
L11:
    li    s2, -29424
L12:
    la    a0, L84
L13:
    la    a0, L0
L14:
    beqz  s0, L182
L15:
    beqz  s2, L135
L16:
    li    a0, 16296
L17:
    beqz  s2, L0
L18:
    li    a0, 32144
L19:
    la    s2, L91
L20:
    beqz  s0, L0
L21:
    li    a0, -24912
L22:
    li    s0, 23248
L23:
    la    s2, L0
L24:
    beqz  a0, L0
L25:
    la    s0, L0
L26:
    beqz  s2, L0
L27:
    li    a0, -22416
L28:
    li    s0, -48304
L29:
    la    a0, L149
L30:
    li    a0, 34448
L31:
    beqz  s2, L0
L32:
    beqz  s0, L0
L33:
    beqz  s2, L217
L34:
    li    s2, 19600
L35:
    li    s0, 49584
L36:
    li    a0, 22000
L37:
    li    a0, 48816
L38:
    la    s2, L62
L39:
    li    s0, 13744
L40:
    li    s0, -37168
L41:
    la    s2, L0
L42:
    la    s2, L0
L43:
    beqz  s0, L0
L44:
    li    a0, 39152
L45:
    la    s2, L0
L46:
    la    a0, L6
L47:
    beqz  s0, L0
L48:
    li    a0, 45072
L49:
    la    s0, L233
L50:
    beqz  a0, L106
L51:
    la    s0, L59
L52:
    la    a0, L172
L53:
    la    s0, L109
L54:
    li    s2, -42736
L55:
    beqz  s2, L0
L56:
    la    a0, L16
L57:
    la    s2, L0
L58:
    la    a0, L50
L59:
    la    a0, L0
L60:
    beqz  s0, L180
L61:
    beqz  a0, L0
L62:
    beqz  s0, L0
L63:
    la    a0, L231
L64:
    li    a0, -2320
L65:
    beqz  a0, L89
L66:
    la    a0, L122
L67:
    li    s0, -27568
L68:
    li    s2, 24240
L69:
    li    s2, 23600
L70:
    beqz  s2, L190
L71:
    li    a0, -43376
L72:
    la    a0, L16
L73:
    li    s2, -32752
L74:
    beqz  s2, L82
L75:
    li    s0, -5360
L76:
    beqz  a0, L196
L77:
    li    a0, 6256
L78:
    la    s0, L262
L79:
    li    a0, 3792
L80:
    li    a0, -24720
L81:
    beqz  s0, L73
L82:
    li    a0, -8016
L83:
    li    s0, -18704
L84:
    beqz  a0, L252
L85:
    beqz  s0, L157
L86:
    li    s0, -49808
L87:
    la    a0, L175
L88:
    la    s0, L240
L89:
    li    s0, -18000
L90:
    beqz  s2, L18
L91:
    beqz  s2, L0
L92:
    la    s2, L276
L93:
    beqz  a0, L101
L94:
    beqz  s0, L0
L95:
    beqz  a0, L0
L96:
    la    s2, L0
L97:
    li    s2, 32656
L98:
    la    a0, L250
L99:
    beqz  s2, L0
L100:
    la    s0, L0
L101:
    beqz  s0, L0
L102:
    beqz  a0, L0
L103:
    beqz  s2, L63
L104:
    beqz  s2, L0
L105:
    la    a0, L289
L106:
    la    s0, L274
L107:
    la    s0, L67
L108:
    li    s2, -41328
L109:
    la    s2, L101
L110:
    li    s0, -15280
L111:
    beqz  s2, L7
L112:
    la    s2, L56
L113:
    li    s2, -48112
L114:
    li    s2, -33776
L115:
    beqz  s2, L171
L116:
    li    a0, 4368
L117:
    beqz  s2, L93
L118:
    la    s2, L190
L119:
    la    s0, L31
L120:
    beqz  a0, L88
L121:
    beqz  s0, L193
L122:
    beqz  s2, L226
L123:
    la    a0, L115
L124:
    la    s0, L244
L125:
    li    s2, -3472
L126:
    beqz  s2, L198
L127:
    beqz  s0, L183
L128:
    li    a0, 12432
L129:
    beqz  a0, L233
L130:
    la    a0, L26
L131:
    li    s2, 16400
L132:
    la    s0, L172
L133:
    beqz  a0, L125
L134:
    li    a0, -18928
L135:
    la    a0, L271
L136:
    la    s0, L192
L137:
    la    a0, L321
L138:
    la    s0, L274
L139:
    beqz  s0, L0
L140:
    li    s2, 16688
L141:
    li    s2, -26960
L142:
    beqz  a0, L214
L143:
    beqz  s0, L327
L144:
    la    s2, L248
L145:
    beqz  s0, L201
L146:
    beqz  s0, L42
L147:
    li    s0, -6928
L148:
    li    s0, 23280
L149:
    beqz  s2, L77
L150:
    beqz  s2, L94
L151:
    la    s0, L111
L152:
    li    s2, 48176
L153:
    li    s2, -19344
L154:
    la    a0, L0
L155:
    beqz  s0, L243
L156:
    beqz  a0, L0
L157:
    la    s0, L213
L158:
    beqz  a0, L6
L159:
    li    s2, -21744
L160:
    li    s2, -39504
L161:
    li    a0, 22320
L162:
    la    s2, L106
L163:
    la    s2, L107
L164:
    beqz  a0, L172
L165:
    li    s2, 22768
L166:
    la    s2, L0
L167:
    la    a0, L175
L168:
    beqz  s0, L320
L169:
    la    a0, L321
L170:
    beqz  s0, L0
L171:
    li    s2, 5648
L172:
    li    s2, 44176
L173:
    li    s0, -5680
L174:
    beqz  s2, L350
L175:
    li    s0, 43408
L176:
    beqz  s2, L88
L177:
    la    a0, L217
L178:
    li    a0, 36368
L179:
    beqz  a0, L107
L180:
    la    a0, L312
L181:
    beqz  s2, L61
L182:
    li    s2, -14768
L183:
    li    s2, -23152
L184:
    li    s2, -16056
L185:
    la    a0, L33
L186:
    la    a0, L178
L187:
    la    a0, L147
L188:
    la    s2, L292
L189:
    li    a0, 35760
L190:
    li    s0, 3920
L191:
    beqz  a0, L103
L192:
    beqz  a0, L360
L193:
    la    s2, L249
L194:
    beqz  s0, L106
L195:
    li    a0, -5808
L196:
    beqz  s2, L236
L197:
    beqz  s2, L365
L198:
    la    s2, L142
L199:
    li    s2, -25328
L200:
    beqz  a0, L48
L201:
    li    s0, -49840
L202:
    beqz  a0, L50
L203:
    beqz  s2, L67
L204:
    beqz  s0, L4
L205:
    beqz  s2, L77
L206:
    li    a0, -7216
L207:
    la    a0, L263
L208:
    la    a0, L312
L209:
    la    s0, L169
L210:
    la    s0, L378
L211:
    la    a0, L251
L212:
    li    a0, -33200
L213:
    li    s0, 27856
L214:
    li    a0, -3952
L215:
    beqz  a0, L287
L216:
    la    s0, L208
L217:
    beqz  s0, L209
L218:
    li    s0, 21104
L219:
    li    s2, 19504
L220:
    li    s0, -48112
L221:
    li    s2, 46672
L222:
    beqz  s0, L134
L223:
    beqz  s2, L167
L224:
    li    s0, -9712
L225:
    la    a0, L393
L226:
    la    a0, L330
L227:
    la    s2, L139
L228:
    beqz  s2, L204
L229:
    la    a0, L365
L230:
    beqz  s0, L174
L231:
    beqz  s2, L335
L232:
    beqz  a0, L80
L233:
    beqz  s2, L241
L234:
    li    s2, 10992
L235:
    bne   s2, s0, L75
L236:
    beqz  a0, L100
L237:
    beqz  s2, L357
L238:
    beqz  s0, L390
L239:
    beqz  s0, L423
L240:
    la    s0, L72
L241:
    la    s0, L73
L242:
    beqz  s0, L179
L243:
    li    a0, -24272
L244:
    la    s0, L284
L245:
    beqz  a0, L317
L246:
    li    s2, -7888
L247:
    beqz  s2, L95
L248:
    beqz  s2, L368
L249:
    la    a0, L353
L250:
    li    a0, 25168
L251:
    beqz  a0, L243
L252:
    li    s2, -5968
L253:
    la    s2, L389
L254:
    li    s0, -26064
L255:
    li    s0, 34960
L256:
    la    s2, L344
L257:
    la    s0, L393
L258:
    la    s2, L394
L259:
    li    a0, 24592
L260:
    la    a0, L236
L261:
    la    s0, L285
L262:
    beqz  a0, L62
L263:
    la    a0, L191
L264:
    la    s0, L64
L265:
    li    a0, -1808
L266:
    beqz  s2, L114
L267:
    la    s0, L91
L268:
    beqz  a0, L308
L269:
    li    s0, -18352
L270:
    beqz  s0, L374
L271:
    li    s2, 3632
L272:
    li    a0, 49584
L273:
    la    a0, L217
L274:
    beqz  a0, L218
L275:
    la    a1, L139
L276:
    beqz  s0, L364
L277:
    li    s0, -48016
L278:
    beqz  s0, L254
L279:
    beqz  a0, L255
L280:
    la    a0, L464
L281:
    la    s2, L209
L282:
    beqz  s2, L258
L283:
    la    a0, L339
L284:
    la    s0, L420
L285:
    li    s2, -16496
L286:
    la    a0, L278
L287:
    li    s2, -7280
L288:
    beqz  s2, L152
L289:
    la    s2, L361
L290:
    li    a0, -24272
L291:
    la    s2, L187
L292:
    beqz  s2, L332
L293:
    beqz  a0, L445
L294:
    la    a0, L350
L295:
    li    s0, -14992
L296:
    li    a0, 7664
L297:
    la    s0, L241
L298:
    beqz  a0, L322
L299:
    la    s0, L211
L300:
    li    a0, 30480
L301:
    la    a0, L341
L302:
    beqz  a0, L118
L303:
    beqz  a0, L359
L304:
    la    s0, L184
L305:
    la    a0, L265
L306:
    li    s2, -11504
L307:
    li    s0, -27248
L308:
    li    a0, -8336
L309:
    beqz  s0, L333
L310:
    beqz  a0, L382
L311:
    la    a0, L351
L312:
    li    s2, -17616
L313:
    li    a0, -12752
L314:
    la    s0, L482
L315:
    beqz  s2, L483
L316:
    li    s0, 33648
L317:
    li    a0, -38864
L318:
    li    s0, -18864
L319:
    li    s0, 37296
L320:
    beqz  s2, L488
L321:
    la    s2, L393
L322:
    beqz  s0, L394
L323:
    beqz  a0, L299
L324:
    beqz  s2, L124
L325:
    li    s0, 36208
L326:
    li    s0, -25840
L327:
    li    a0, -40432
L328:
    li    s0, 27632
L329:
    li    a0, -2064
L330:
    la    a0, L178
L331:
    li    s2, -43568
L332:
    la    a0, L452
L333:
    beqz  a0, L389
L334:
    li    s2, 33776
L335:
    la    a0, L471
L336:
    li    a0, 22960
L337:
    beqz  s2, L201
L338:
    li    s2, 8968
L339:
    beqz  s2, L411
L340:
    la    s2, L524
L341:
    la    s0, L525
L342:
    li    a0, 6640
L343:
    beqz  s0, L215
L344:
    li    s0, -34224
L345:
    la    s0, L289
L346:
    la    s0, L226
L347:
    beqz  s0, L227
L348:
    li    s0, 19152
L349:
    beqz  s0, L261
L350:
    beqz  s0, L182
L351:
    beqz  s1, L359
L352:
    la    a0, L424
L353:
    beqz  s2, L505
L354:
    li    a0, 7472
L355:
    la    a0, L235
L356:
    li    s2, 39824
L357:
    beqz  a0, L541
L358:
    beqz  s0, L238
L359:
    beqz  s2, L511
L360:
    la    a0, L416
L361:
    beqz  s2, L185
L362:
    la    s0, L386
L363:
    beqz  a0, L259
L364:
    la    s2, L244
L365:
    la    s2, L309
L366:
    la    s2, L518
L367:
    la    s2, L359
L368:
    li    s2, -33424
L369:
    beqz  s2, L489
L370:
    la    s2, L202
L371:
    beqz  a0, L283
L372:
    li    s2, -9520
L373:
    la    s2, L301
L374:
    la    a0, L462
L375:
    beqz  a0, L463
L376:
    li    a0, -24144
L377:
    la    a0, L305
L378:
    beqz  s0, L242
L379:
    li    s2, 11056
L380:
    la    s2, L372
L381:
    la    a0, L245
L382:
    li    s0, -7216
L383:
    la    s0, L423
L384:
    beqz  a0, L312
L385:
    li    s0, 18352
L386:
    la    s2, L234
L387:
    beqz  s0, L539
L388:
    beqz  a0, L460
L389:
    la    a0, L509
L390:
    la    s0, L366
L391:
    la    s2, L335
L392:
    la    s0, L512
L393:
    la    a0, L513
L394:
    beqz  s0, L210
L395:
    la    a0, L435
L396:
    beqz  s0, L324
L397:
    la    a0, L549
L398:
    beqz  a0, L214
L399:
    beqz  s2, L375
L400:
    li    a0, -1072
L401:
    beqz  s0, L441
L402:
    li    a0, 30864
L403:
    li    s0, 21392
L404:
    la    a0, L524
L405:
    la    s0, L589
L406:
    la    s2, L238
L407:
    la    s2, L511
L408:
    li    a0, 25712
L409:
    la    a0, L209
L410:
    beqz  s0, L402
L411:
    li    s0, -4952
L412:
    li    a0, -36304
L413:
    la    s0, L517
L414:
    la    s0, L214
L415:
    la    a0, L567
L416:
    la    s0, L216
L417:
    li    s2, -41208
L418:
    li    s0, 28784
L419:
    la    s0, L571
L420:
    li    s0, -1200
L421:
    la    s0, L253
L422:
    la    s0, L366
L423:
    li    s2, 26864
L424:
    li    s2, -22608
L425:
    la    s0, L449
L426:
    li    a0, -6352
L427:
    li    s0, 20176
L428:
    la    s2, L532
L429:
    beqz  s2, L373
L430:
    li    a0, -34800
L431:
    li    s2, -44048
L432:
    beqz  a0, L408
L433:
    la    s2, L265
L434:
    beqz  s0, L410
L435:
    la    s0, L395
L436:
    li    s2, -16592
L437:
    la    a0, L237
L438:
    li    s2, -1040
L439:
    li    s2, 23344
L440:
    beqz  a0, L304
L441:
    beqz  s2, L625
L442:
    li    s2, -28464
L443:
    la    s0, L547
L444:
    beqz  s0, L404
L445:
    beqz  s2, L597
L446:
    li    a0, -8560
L447:
    beqz  s2, L487
L448:
    la    a0, L376
L449:
    beqz  s2, L425
L450:
    beqz  a0, L378
L451:
    la    a0, L427
L452:
    li    s0, -18448
L453:
    la    s0, L630
L454:
    li    s0, 14512
L455:
    beqz  s0, L623
L456:
    la    s0, L512
L457:
    beqz  s0, L561
L458:
    la    s0, L418
L459:
    la    s0, L643
L460:
    la    s0, L340
L461:
    beqz  s2, L357
L462:
    li    s0, 22448
L463:
    li    s2, 44144
L464:
    la    a0, L408
L465:
    la    s0, L649
L466:
    li    a0, 38928
L467:
    li    s0, -46288
L468:
    li    a0, -43952
L469:
    li    a0, 39408
L470:
    beqz  s0, L510
L471:
    beqz  s0, L495
L472:
    beqz  a0, L544
L473:
    beqz  a0, L505
L474:
    beqz  s2, L482
L475:
    la    s0, L499
L476:
    la    s0, L372
L477:
    la    s2, L421
L478:
    li    s0, 3952
L479:
    beqz  s2, L407
L480:
    la    a0, L568
L481:
    li    a0, 31984
L482:
    li    s0, -5776
L483:
    beqz  s3, L523
L484:
    la    s2, L316
L485:
    la    a0, L445
L486:
    la    s2, L654
L487:
    li    s2, -5104
L488:
    li    a0, 27888
L489:
    beqz  s0, L577
L490:
    li    s0, 8304
L491:
    li    s3, 47760
L492:
    la    a0, L308
L493:
    la    s2, L597
L494:
    la    s0, L422
L495:
    la    s0, L551
L496:
    beqz  s0, L456
L497:
    li    s0, -25360
L498:
    la    a0, L490
L499:
    li    s0, -35312
L500:
    li    s2, 22864
L501:
    la    a0, L557
L502:
    li    s0, 40272
L503:
    li    a0, -37872
L504:
    li    s2, -5328
L505:
    li    s2, 20176
L506:
    li    a0, 5616
L507:
    beqz  s2, L675
L508:
    beqz  a0, L340
L509:
    beqz  a0, L645
L510:
    la    a0, L342
L511:
    la    s0, L631
L512:
    beqz  a0, L344
L513:
    li    s2, -12272
L514:
    la    s2, L442
L515:
    la    s2, L459
L516:
    li    a0, -112
L517:
    beqz  s2, L445
L518:
    la    s2, L318
L519:
    li    s0, -49104
L520:
    li    s0, 28240
L521:
    beqz  s0, L593
L522:
    la    s0, L530
L523:
    li    a0, 2608
L524:
    li    s0, -30960
L525:
    beqz  a0, L469
L526:
    la    s0, L342
L527:
    la    a0, L615
L528:
    li    a0, 22736
L529:
    li    s2, -20720
L530:
    li    a0, -37392
L531:
    beqz  a0, L475
L532:
    li    a0, 36240
L533:
    beqz  s0, L621
L534:
    li    a0, 42256
L535:
    li    s2, 42992
L536:
    beqz  a0, L368
L537:
    la    a0, L369
L538:
    li    a0, -23632
L539:
    la    a0, L419
L540:
    li    s0, -34544
L541:
    beqz  s2, L549
L542:
    la    s0, L726
L543:
    beqz  s0, L551
L544:
    beqz  s0, L712
L545:
    li    s0, -28912
L546:
    li    s2, -42448
L547:
    li    s0, 7088
L548:
    la    a0, L620
L549:
    beqz  s2, L477
L550:
    li    a0, -10736
L551:
    beqz  a0, L479
L552:
    li    a0, 39664
L553:
    li    a0, -49264
L554:
    li    s0, -29264
L555:
    beqz  s2, L403
L556:
    li    s0, -3760
L557:
    li    a0, 10448
L558:
    li    s0, -46288
L559:
    beqz  s0, L663
L560:
    beqz  s2, L472
L561:
    la    s2, L393
L562:
    la    s2, L586
L563:
    li    a0, 46352
L564:
    la    a0, L524
L565:
    beqz  a0, L653
L566:
    beqz  s0, L654
L567:
    la    a0, L479
L568:
    li    a0, 21200
L569:
    la    s2, L721
L570:
    li    a0, 39120
L571:
    la    s0, L403
L572:
    beqz  s0, L580
L573:
    la    s0, L469
L574:
    beqz  s2, L710
L575:
    beqz  s0, L695
L576:
    beqz  s2, L680
L577:
    la    s0, L713
L578:
    beqz  s0, L378
L579:
    la    s2, L395
L580:
    la    a0, L556
L581:
    la    s0, L717
L582:
    beqz  s0, L414
L583:
    la    s0, L751
L584:
    la    s2, L384
L585:
    li    s2, -33200
L586:
    la    s2, L386
L587:
    li    a0, -41072
L588:
    la    s0, L612
L589:
    la    s0, L549
L590:
    li    a0, -9648
L591:
    beqz  s0, L439
L592:
    li    s2, 12752
L593:
    li    a0, -17200
L594:
    li    s2, 19696
L595:
    li    s0, 2704
L596:
    la    s2, L428
L597:
    la    s0, L637
L598:
    beqz  a0, L686
L599:
    beqz  s2, L591
L600:
    li    s0, 48144
L601:
    la    s0, L737
L602:
    la    s2, L650
L603:
    la    s2, L643
L604:
    la    s2, L532
L605:
    li    s2, -39408
L606:
    li    s2, 13136
L607:
    li    s0, -26712
L608:
    beqz  a0, L472
L609:
    li    s0, 48496
L610:
    la    a0, L442
L611:
    beqz  s2, L635
L612:
    li    s2, 1200
L613:
    beqz  s2, L637
L614:
    la    a0, L462
L615:
    la    s0, L687
L616:
    li    s2, -36112
L617:
    li    s2, 19824
L618:
    la    a0, L418
L619:
    beqz  s2, L771
L620:
    beqz  s0, L644
L621:
    la    s0, L453
L622:
    beqz  a0, L630
L623:
    la    s2, L695
L624:
    beqz  a0, L488
L625:
    li    s2, 8336
L626:
    li    s0, 12848
L627:
    beqz  a0, L619
L628:
    li    a0, 14960
L629:
    la    a0, L685
L630:
    li    a0, 624
L631:
    li    s2, 48144
L632:
    la    s2, L560
L633:
    li    s0, -19312
L634:
    beqz  s0, L658
L635:
    beqz  s0, L691
L636:
    beqz  a0, L788
L637:
    beqz  a0, L629
L638:
    la    s2, L598
L639:
    beqz  a0, L487
L640:
    beqz  s0, L584
L641:
    la    a0, L505
L642:
    la    a0, L634
L643:
    la    s0, L587
L644:
    li    s2, -2640
L645:
    la    s2, L669
L646:
    la    s2, L734
L647:
    beqz  s2, L527
L648:
    li    a0, -42000
L649:
    la    s0, L689
L650:
    la    s0, L466
L651:
    la    s2, L707
L652:
    la    a0, L500
L653:
    li    a0, -23856
L654:
    beqz  s2, L646
L655:
    li    s2, -49936
L656:
    beqz  s0, L504
L657:
    la    s2, L489
L658:
    beqz  s2, L666
L659:
    li    s2, 2224
L660:
    li    s0, 32240
L661:
    bne   s2, a0, L589
L662:
    li    s0, 45552
L663:
    la    s0, L479
L664:
    beqz  s2, L608
L665:
    li    s0, 8816
L666:
    li    s2, -7504
L667:
    beqz  s0, L707
L668:
    la    s2, L644
L669:
    la    s0, L517
L670:
    la    a0, L854
L671:
    li    s2, 25712
L672:
    li    s0, -20272
L673:
    beqz  a0, L569
L674:
    beqz  s0, L650
L675:
    beqz  s0, L507
L676:
    la    s2, L556
L677:
    beqz  s0, L861
L678:
    beqz  a0, L558
L679:
    li    s2, -19696
L680:
    beqz  s0, L512
L681:
    beqz  s2, L641
L682:
    li    a0, -11856
L683:
    beqz  s2, L643
L684:
    li    s2, 7568
L685:
    la    s0, L581
L686:
    la    s2, L678
L687:
    li    s2, 43152
L688:
    li    s2, 9104
L689:
    beqz  a0, L665
L690:
    beqz  a0, L858
L691:
    beqz  s2, L795
L692:
    li    s0, 35696
L693:
    li    s2, 31536
L694:
    li    s2, -30544
L695:
    beqz  a0, L783
L696:
    li    s2, -11344
L697:
    beqz  a0, L609
L698:
    la    s2, L514
L699:
    beqz  s0, L547
L700:
    li    s0, -41712
L701:
    lw    s0, 0(sp)
L702:
    la    a0, L534
L703:
    la    a0, L535
L704:
    beqz  s0, L888
L705:
    beqz  a0, L793
L706:
    li    s0, 20560
L707:
    la    s2, L747
L708:
    la    s0, L812
L709:
    li    s0, 12208
L710:
    beqz  a0, L590
L711:
    beqz  s0, L543
L712:
    la    s2, L816
L713:
    li    s0, 38192
L714:
    la    a0, L610
L715:
    beqz  a0, L627
L716:
    la    s0, L676
L717:
    la    s0, L549
L718:
    beqz  s0, L694
L719:
    beqz  s2, L599
L720:
    beqz  s0, L760
L721:
    beqz  s0, L537
L722:
    la    a0, L906
L723:
    la    s2, L683
L724:
    li    a0, 49968
L725:
    beqz  s2, L653
L726:
    beqz  s2, L814
L727:
    la    a0, L687
L728:
    beqz  s2, L768
L729:
    beqz  s0, L737
L730:
    li    s0, 18672
L731:
    beqz  a0, L771
L732:
    la    s0, L868
L733:
    beqz  s2, L885
L734:
    li    a0, -31376
L735:
    li    s0, 16752
L736:
    beqz  s0, L584
L737:
    beqz  s2, L873
L738:
    la    a0, L778
L739:
    beqz  s2, L587
L740:
    la    a0, L556
L741:
    la    s2, L541
L742:
    beqz  s0, L894
L743:
    la    a0, L799
L744:
    li    a0, 48560
L745:
    beqz  s0, L657
L746:
    li    s0, 3312
L747:
    la    a0, L899
L748:
    la    s2, L836
L749:
    li    a0, -20848
L750:
    li    s0, 18160
L751:
    li    a0, 18480
L752:
    li    a0, 45904
L753:
    la    s2, L945
L754:
    li    a0, -24368
L755:
    beqz  s0, L779
L756:
    beqz  a0, L844
L757:
    li    a0, 24592
L758:
    li    s2, 17392
L759:
    la    s2, L863
L760:
    la    s2, L912
L761:
    li    s3, -13328
L762:
    li    a0, 11536
L763:
    la    s0, L595
L764:
    li    s0, -1104
L765:
    li    s2, -49424
L766:
    la    s0, L758
L767:
    beqz  s0, L647
L768:
    beqz  s0, L664
L769:
    beqz  a0, L681
L770:
    beqz  a0, L602
L771:
    li    s0, -41840
L772:
    li    s2, -34608
L773:
    beqz  s0, L797
L774:
    beqz  a0, L734
L775:
    li    a0, -11312
L776:
    la    s2, L608
L777:
    la    s0, L897
L778:
    beqz  s2, L818
L779:
    la    s0, L739
L780:
    li    a0, 30544
L781:
    la    a0, L677
L782:
    li    a0, -38352
L783:
    la    s2, L695
L784:
    la    s0, L776
L785:
    la    s0, L697
L786:
    beqz  s0, L746
L787:
    li    s2, -35888
L788:
    beqz  a0, L940
L789:
    li    a0, -5392
L790:
    beqz  a0, L590
L791:
    li    s0, 43664
L792:
    la    s3, L704
L793:
    beqz  s0, L681
L794:
    beqz  s0, L642
L795:
    li    s2, -1008
L796:
    beqz  s0, L852
L797:
    li    s2, 21904
L798:
    beqz  s2, L950
L799:
    la    a0, L855
L800:
    la    a0, L840
L801:
    beqz  s0, L713
L802:
    li    a0, -35696
L803:
    beqz  a0, L795
L804:
    beqz  s0, L684
L805:
    li    a0, -5936
L806:
    beqz  a0, L798
L807:
    li    s2, 16
L808:
    beqz  s0, L848
L809:
    la    s2, L929
L810:
    beqz  s2, L818
L811:
    la    s0, L979
L812:
    beqz  a0, L628
L813:
    beqz  s2, L677
L814:
    li    a0, -46992
L815:
    la    a0, L871
L816:
    beqz  s2, L824
L817:
    beqz  s0, L889
L818:
    la    s2, L954
L819:
    li    s0, -44240
L820:
    la    s2, L796
L821:
    beqz  s0, L989
L822:
    li    s0, -46832
L823:
    li    a0, 36144
L824:
    la    a0, L688
L825:
    li    a0, -8816
L826:
    li    a0, -34128
L827:
    li    a0, 30192
L828:
    beqz  s0, L628
L829:
    la    s0, L725
L830:
    beqz  s2, L902
L831:
    beqz  s0, L999
L832:
    beqz  s0, L744
L833:
    li    s2, -38448
L834:
    beqz  s0, L906
L835:
    la    s0, L987
L836:
    li    s2, 27088
L837:
    la    a0, L845
L838:
    li    a0, 17520
L839:
    beqz  s0, L879
L840:
    la    s0, L752
L841:
    la    a0, L945
L842:
    li    s2, -8912
L843:
    la    s2, L947
L844:
    li    a0, 29072
L845:
    beqz  s2, L821
L846:
    beqz  s0, L742
L847:
    li    a0, 12880
L848:
    beqz  s0, L920
L849:
    la    s2, L745
L850:
    li    s0, 10064
L851:
    li    s0, 7336
L852:
    la    a0, L940
L853:
    la    s0, L669
L854:
    li    a0, -6544
L855:
    li    s0, -27600
L856:
    la    s0, L848
L857:
    li    s0, 32048
L858:
    beqz  s0, L706
L859:
    li    a0, -29072
L860:
    li    s2, -3152
L861:
    li    s2, -1776
L862:
    beqz  s2, L870
L863:
    beqz  s2, L839
L864:
    beqz  s2, L984
L865:
    la    a0, L809
L866:
    li    a0, 3920
L867:
    beqz  s2, L875
L868:
    beqz  a1, L844
L869:
    la    s0, L941
L870:
    la    a0, L910
L871:
    li    s2, 27344
L872:
    beqz  s2, L704
L873:
    beqz  s2, L705
L874:
    beqz  s0, L706
L875:
    la    s2, L1027
L876:
    li    a0, -24336
L877:
    li    s0, -30672
L878:
    beqz  s2, L1046
L879:
    li    s2, -25040
L880:
    la    s0, L904
L881:
    beqz  s2, L969
L882:
    li    s2, 22640
L883:
    li    s2, -2864
L884:
    beqz  s0, L860
L885:
    la    a0, L765
L886:
    la    s0, L1022
L887:
    li    a0, 34384
L888:
    li    s0, -25968
L889:
    la    a0, L849
L890:
    beqz  s2, L818
L891:
    beqz  s2, L755
L892:
    li    s2, 1808
L893:
    beqz  s0, L901
L894:
    la    s2, L838
L895:
    beqz  s2, L1039
L896:
    li    a0, 34896
L897:
    beqz  s0, L761
L898:
    li    s0, -8784
L899:
    li    s0, -8080
L900:
    li    a0, 27184
L901:
    li    s0, 26000
L902:
    la    s2, L902
L903:
    la    a0, L975
L904:
    beqz  s0, L752
L905:
    li    s2, -44624
L906:
    li    a0, -41456
L907:
    la    s0, L835
L908:
    li    a0, 592
L909:
    la    a0, L1093
L910:
    la    s2, L1014
L911:
    la    s0, L1087
L912:
    li    s2, 8336
L913:
    beqz  s0, L905
L914:
    beqz  s0, L826
L915:
    beqz  a0, L939
L916:
    li    s0, -6384
L917:
    la    s0, L1101
L918:
    li    s0, 21712
L919:
    lw    s0, 0(sp)
L920:
    li    s0, 4176
L921:
    beqz  s0, L977
L922:
    beqz  a0, L1010
L923:
    beqz  a0, L851
L924:
    li    s2, 26152
L925:
    li    a0, -20432
L926:
    la    a0, L1078
L927:
    beqz  s0, L759
L928:
    la    s0, L872
L929:
    beqz  s2, L857
L930:
    la    a0, L1018
L931:
    la    a0, L811
L932:
    beqz  s0, L860
L933:
    la    s2, L1117
L934:
    li    s2, -44624
L935:
    li    a0, 13200
L936:
    la    a0, L944
L937:
    li    a0, 36712
L938:
    li    s0, 80
L939:
    la    s0, L739
L940:
    beqz  a0, L1028
L941:
    li    a0, 30768
L942:
    li    a0, 17488
L943:
    beqz  s2, L983
L944:
    li    a0, 44944
L945:
    li    s0, 23600
L946:
    beqz  s2, L746
L947:
    beqz  a0, L971
L948:
    la    s2, L860
L949:
    la    s2, L1133
L950:
    la    a0, L1102
L951:
    li    s2, 4368
L952:
    li    a0, 10896
L953:
    la    a0, L1057
L954:
    li    a0, -48656
L955:
    beqz  s2, L955
L956:
    li    s2, -19600
L957:
    la    s0, L853
L958:
    li    a0, 11280
L959:
    la    s2, L983
L960:
    la    s2, L872
L961:
    la    s0, L969
L962:
    la    s0, L954
L963:
    la    s0, L779
L964:
    la    a0, L844
L965:
    la    s2, L813
L966:
    beqz  s2, L782
L967:
    la    s2, L863
L968:
    li    s0, 45968
L969:
    li    a0, -15440
L970:
    la    s0, L866
L971:
    beqz  s0, L1091
L972:
    la    s0, L1060
L973:
    li    a0, 15312
L974:
    la    s0, L822
L975:
    beqz  s2, L887
L976:
    li    s2, -16720
L977:
    beqz  s0, L777
L978:
    la    s2, L922
L979:
    beqz  s0, L859
L980:
    li    a0, 6000
L981:
    beqz  s0, L909
L982:
    la    a0, L1086
L983:
    beqz  s0, L959
L984:
    beqz  s0, L1136
L985:
    la    s0, L1169
L986:
    beqz  a0, L1138
L987:
    beqz  a0, L1011
L988:
    beqz  s0, L964
L989:
    beqz  s0, L1029
L990:
    li    s0, 2480
L991:
    la    a0, L1015
L992:
    la    s2, L849
L993:
    beqz  a0, L825
L994:
    li    s0, -39344
L995:
    beqz  a0, L1131
L996:
    li    a0, 24240
L997:
    beqz  s2, L973
L998:
    la    a0, L910
L999:
    beqz  s2, L831
L1000:
    beqz  a0, L1024
L1001:
    la    a0, L977
L1002:
    la    s2, L930
L1003:
    li    a0, -38992
L1004:
    li    s0, 36464
L1005:
    beqz  a0, L997
L1006:
    li    s0, -33584
L1007:
    beqz  a0, L1015
L1008:
    li    s0, 15408
L1009:
    beqz  s0, L809
L1010:
    la    a0, L954
L1011:
    beqz  a0, L1003
L1012:
    beqz  a0, L940
L1013:
    li    s0, -11408
L1014:
    la    a0, L990
L1015:
    li    s0, 49456
L1016:
    la    s2, L1040
L1017:
    li    a0, -25968
L1018:
    beqz  a0, L834
L1019:
    la    a0, L1011
L1020:
    li    s0, -34864
L1021:
    beqz  a0, L1061
L1022:
    la    s2, L822
L1023:
    beqz  s0, L919
L1024:
    li    s2, -22608
L1025:
    beqz  a0, L841
L1026:
    li    s0, 41584
L1027:
    beqz  s2, L1035
L1028:
    li    a0, -9168
L1029:
    li    s0, 38736
L1030:
    la    a0, L1070
L1031:
    beqz  s0, L1087
L1032:
    beqz  s2, L944
L1033:
    beqz  s2, L881
L1034:
    beqz  s0, L1170
L1035:
    la    a0, L947
L1036:
    li    s2, -19824
L1037:
    la    a0, L997
L1038:
    la    s0, L950
L1039:
    la    a0, L935
L1040:
    li    s2, -31312
L1041:
    li    a0, 48368
L1042:
    li    s0, 38032
L1043:
    beqz  a0, L859
L1044:
    beqz  a0, L972
L1045:
    beqz  s2, L1101
L1046:
    la    s0, L1118
L1047:
    li    a0, -41808
L1048:
    la    s2, L992
L1049:
    la    s0, L1129
L1050:
    beqz  s2, L850
L1051:
    beqz  a0, L947
L1052:
    li    a0, -10032
L1053:
    beqz  a0, L1109
L1054:
    la    a0, L1238
L1055:
    la    s2, L1159
L1056:
    la    s0, L1192
L1057:
    la    s2, L873
L1058:
    beqz  s0, L1194
L1059:
    beqz  a0, L1179
L1060:
    la    a0, L956
L1061:
    li    s2, 47408
L1062:
    la    a0, L1038
L1063:
    li    s0, 10192
L1064:
    la    s2, L1056
L1065:
    li    s2, 41200
L1066:
    beqz  s2, L1010
L1067:
    beqz  s0, L1075
L1068:
    beqz  a0, L1204
L1069:
    beqz  s0, L1205
L1070:
    beqz  s2, L982
L1071:
    li    s2, 33744
L1072:
    li    s0, -49023
L1073:
    beqz  s2, L1241
L1074:
    la    s0, L922
L1075:
    beqz  s0, L875
L1076:
    beqz  s0, L1148
L1077:
    la    s2, L1245
L1078:
    la    a0, L1070
L1079:
    la    a0, L959
L1080:
    beqz  a0, L1024
L1081:
    beqz  a0, L1185
L1082:
    beqz  a0, L1266
L1083:
    beqz  s0, L947
L1084:
    beqz  s0, L1092
L1085:
    li    s2, -6480
L1086:
    beqz  s0, L950
L1087:
    beqz  s0, L1031
L1088:
    li    s0, 34128
L1089:
    beqz  a0, L1129
L1090:
    li    a0, 26992
L1091:
    beqz  s0, L1099
L1092:
    beqz  a0, L892
L1093:
    la    s0, L941
L1094:
    beqz  a0, L1006
L1095:
    la    s2, L1103
L1096:
    beqz  a0, L992
L1097:
    la    a0, L1185
L1098:
    la    s2, L898
L1099:
    beqz  s0, L1059
L1100:
    beqz  a0, L1028
L1101:
    la    s0, L1125
L1102:
    li    s0, 7248
L1103:
    la    s0, L903
L1104:
    beqz  s0, L1112
L1105:
    la    s0, L1209
L1106:
    li    s0, 20080
L1107:
    la    s0, L1147
L1108:
    beqz  s2, L1116
L1109:
    li    a0, -12496
L1110:
    li    s0, -18832
L1111:
    la    a0, L991
L1112:
    beqz  s2, L1248
L1113:
    la    a0, L1049
L1114:
    beqz  s0, L1058
L1115:
    li    s0, 12720
L1116:
    li    s2, 13648
L1117:
    la    s2, L1077
L1118:
    la    s0, L950
L1119:
    la    s0, L1255
L1120:
    li    s0, 6896
L1121:
    la    a0, L1257
L1122:
    la    s2, L1274
L1123:
    li    a0, 8176
L1124:
    beqz  s0, L1004
L1125:
    la    a0, L1085
L1126:
    li    s2, -11760
L1127:
    beqz  s2, L1023
L1128:
    la    s2, L1032
L1129:
    beqz  a0, L1265
L1130:
    la    a0, L1058
L1131:
    beqz  s0, L1059
L1132:
    la    a0, L1124
L1133:
    la    s2, L949
L1134:
    la    s0, L1062
L1135:
    li    s2, 432
L1136:
    la    a0, L1000
L1137:
    beqz  s0, L1225
L1138:
    beqz  a0, L986
L1139:
    la    s0, L1243
L1140:
    la    s0, L1228
L1141:
    li    s2, 48232
L1142:
    la    s0, L990
L1143:
    beqz  a0, L959
L1144:
    li    a0, -28080
L1145:
    li    a0, -45776
L1146:
    li    s2, 31248
L1147:
    la    s2, L1011
L1148:
    li    s2, 20176
L1149:
    beqz  s2, L981
L1150:
    beqz  s2, L1174
L1151:
    beqz  a0, L1271
L1152:
    li    s2, -31184
L1153:
    li    s0, 19984
L1154:
    la    a0, L1226
L1155:
    la    a0, L1259
L1156:
    la    s2, L1132
L1157:
    la    s0, L1117
L1158:
    li    s0, 43056
L1159:
    la    s2, L1071
L1160:
    li    a0, -39440
L1161:
    li    a0, -35792
L1162:
    li    s0, 33616
L1163:
    la    s2, L1187
L1164:
    beqz  s0, L1316
L1165:
    li    s2, -11664
L1166:
    li    s0, 34320
L1167:
    li    a0, 17168
L1168:
    li    s2, 26448
L1169:
    beqz  s2, L1193
L1170:
    li    s0, -15632
L1171:
    la    s2, L1323
L1172:
    la    a0, L1020
L1173:
    beqz  s0, L1149
L1174:
    li    s2, -5232
L1175:
    beqz  s2, L1023
L1176:
    li    a0, 18376
L1177:
    la    s0, L977
L1178:
    li    s0, -12784
L1179:
    li    a0, 37776
L1180:
    la    s0, L1124
L1181:
    la    s0, L1285
L1182:
    la    a0, L1270
L1183:
    la    a0, L1143
L1184:
    beqz  s2, L1256
L1185:
    beqz  s0, L1121
L1186:
    beqz  s0, L1354
L1187:
    li    s2, 2192
L1188:
    li    s0, -49392
L1189:
    li    s0, 29808
L1190:
    la    a0, L1038
L1191:
    li    s2, 11088
L1192:
    li    s0, -13112
L1193:
    li    a0, -39728
L1194:
    li    s0, -14096
L1195:
    beqz  s0, L1051
L1196:
    li    s0, 1488
L1197:
    beqz  s0, L1333
L1198:
    la    a0, L1318
L1199:
    beqz  s2, L1191
L1200:
    beqz  a0, L1128
L1201:
    beqz  s2, L1353
L1202:
    li    a0, -5648
L1203:
    beqz  a0, L1051
L1204:
    beqz  a0, L1068
L1205:
    la    s2, L1245
L1206:
    li    s0, 10256
L1207:
    beqz  a0, L1311
L1208:
    la    s2, L1056
L1209:
    beqz  s0, L1361
L1210:
    la    a0, L1138
L1211:
    li    s2, 31088
L1212:
    li    a0, -41360
L1213:
    la    s0, L1125
L1214:
    beqz  s0, L1030
L1215:
    beqz  s2, L1071
L1216:
    beqz  s0, L1160
L1217:
    la    a0, L1081
L1218:
    li    s0, 7088
L1219:
    beqz  s2, L1259
L1220:
    beqz  a0, L1180
L1221:
    beqz  s0, L1405
L1222:
    li    a0, -44688
L1223:
    la    s2, L1055
L1224:
    li    s0, 20464
L1225:
    la    s2, L1249
L1226:
    la    s2, L1234
L1227:
    la    a0, L1219
L1228:
    li    s2, -32784
L1229:
    la    s0, L1205
L1230:
    la    s2, L1238
L1231:
    bne   a0, s0, L1031
L1232:
    la    s2, L1384
L1233:
    la    s2, L1225
L1234:
    li    a0, -29072
L1235:
    li    a0, 1136
L1236:
    beqz  s0, L1340
L1237:
    beqz  s0, L1405
L1238:
    la    s0, L1086
L1239:
    li    a0, 17360
L1240:
    li    a0, 18800
L1241:
    beqz  s2, L1425
L1242:
    li    a0, 27312
L1243:
    li    s2, 28464
L1244:
    beqz  a0, L1412
L1245:
    lw    a0, 0(sp)
L1246:
    beqz  s2, L1190
L1247:
    beqz  s0, L1415
L1248:
    beqz  s0, L1192
L1249:
    li    a0, -22736
L1250:
    la    s2, L1434
L1251:
    beqz  a0, L1099
L1252:
    li    s0, 26576
L1253:
    li    s0, -27632
L1254:
    beqz  s0, L1390
L1255:
    la    a0, L1431
L1256:
    la    s2, L1120
L1257:
    beqz  a0, L1169
L1258:
    li    a0, -34064
L1259:
    li    s0, 31024
L1260:
    la    a0, L1444
L1261:
    beqz  a0, L1381
L1262:
    li    a0, -47824
L1263:
    beqz  s2, L1383
L1264:
    beqz  a0, L1144
L1265:
    la    s0, L1241
L1266:
    li    s0, -22352
L1267:
    la    a0, L1403
L1268:
    li    s2, 5648
L1269:
    beqz  s2, L1309
L1270:
    li    s2, -2192
L1271:
    beqz  s2, L1407
L1272:
    beqz  a0, L1344
L1273:
    la    s2, L1201
L1274:
    la    a0, L1266
L1275:
    la    a0, L1155
L1276:
    la    s2, L1396
L1277:
    beqz  s0, L1437
L1278:
    la    s2, L1094
L1279:
    li    s0, -33904
L1280:
    la    a0, L1240
L1281:
    li    s0, 30128
L1282:
    li    s0, -32208
L1283:
    la    a0, L1163
L1284:
    beqz  a0, L1244
L1285:
    la    s2, L1405
L1286:
    li    a0, -32496
L1287:
    li    a0, -42096
L1288:
    la    a0, L1216
L1289:
    li    a0, -5200
L1290:
    la    s2, L1330
L1291:
    la    s0, L1411
L1292:
    li    s0, -31504
L1293:
    beqz  a0, L1253
L1294:
    li    s0, -45808
L1295:
    beqz  s0, L1223
L1296:
    li    s2, 39248
L1297:
    la    a0, L1129
L1298:
    beqz  s2, L1386
L1299:
    la    a0, L1243
L1300:
    beqz  s2, L1276
L1301:
    li    s2, -28560
L1302:
    la    a0, L1406
L1303:
    li    a0, 48816
L1304:
    beqz  s2, L1184
L1305:
    beqz  a0, L1121
L1306:
    li    s0, 25616
L1307:
    li    s2, 816
L1308:
    la    s0, L1460
L1309:
    li    s0, 31824
L1310:
    beqz  a0, L1382
L1311:
    beqz  a0, L1479
L1312:
    la    s0, L1112
L1313:
    beqz  s2, L1497
L1314:
    beqz  s0, L1258
L1315:
    beqz  s0, L1435
L1316:
    la    s0, L1180
L1317:
    li    s2, 39024
L1318:
    beqz  s0, L1262
L1319:
    la    s0, L1407
L1320:
    li    s0, 37232
L1321:
    li    s2, -14064
L1322:
    beqz  s0, L1474
L1323:
    beqz  s2, L1331
L1324:
    la    s2, L1380
L1325:
    beqz  s0, L1285
L1326:
    la    s0, L1382
L1327:
    beqz  a0, L1335
L1328:
    li    s0, 49968
L1329:
    beqz  a0, L1337
L1330:
    li    s2, -34384
L1331:
    la    s2, L1403
L1332:
    la    a0, L1499
L1333:
    beqz  s0, L1133
L1334:
    li    s2, -39632
L1335:
    la    s0, L1359
L1336:
    li    s0, 39120
L1337:
    la    s0, L1489
L1338:
    beqz  a0, L1458
L1339:
    beqz  s0, L1139
L1340:
    beqz  s0, L1348
L1341:
    la    s0, L1317
L1342:
    la    s2, L1494
L1343:
    li    a0, 41168
L1344:
    beqz  s0, L1480
L1345:
    la    a0, L1497
L1346:
    la    s2, L1354
L1347:
    li    a0, -17392
L1348:
    la    s2, L1356
L1349:
    la    s2, L1357
L1350:
    la    s0, L1486
L1351:
    la    s0, L1327
L1352:
    la    a0, L1344
L1353:
    la    s0, L1441
L1354:
    la    s0, L1202
L1355:
    beqz  s2, L1299
L1356:
    beqz  s0, L1348
L1357:
    beqz  s0, L1499
L1358:
    beqz  s0, L1286
L1359:
    la    s2, L1463
L1360:
    li    a0, -27088
L1361:
    li    a0, 11632
L1362:
    li    a0, 5264
L1363:
    li    s0, -17712
L1364:
    beqz  a0, L1499
L1365:
    la    a0, L1469
L1366:
    li    a0, -25104
L1367:
    la    s2, L1279
L1368:
    beqz  a0, L1344
L1369:
    beqz  a0, L1209
L1370:
    beqz  s0, L1362
L1371:
    beqz  s2, L1395
L1372:
    li    s0, 48616
L1373:
    la    s2, L1499
L1374:
    li    s2, -15632
L1375:
    li    s0, -15440
L1376:
    beqz  a0, L1480
L1377:
    li    a0, -32696
L1378:
    li    s2, 15312
L1379:
    li    s2, 29264
L1380:
    la    s0, L1499
L1381:
    la    s0, L1197
L1382:
    li    a0, -31632
L1383:
    li    s2, -33744
L1384:
    la    a0, L1408
L1385:
    beqz  a0, L1329
L1386:
    beqz  s2, L1499
L1387:
    li    s0, 33168
L1388:
    la    a0, L1348
L1389:
    la    s2, L1333
L1390:
    la    a0, L1499
L1391:
    li    s2, -34416
L1392:
    la    s2, L1464
L1393:
    li    a0, 22928
L1394:
    la    s2, L1386
L1395:
    beqz  s2, L1499
L1396:
    beqz  s0, L1372
L1397:
    beqz  s0, L1499
L1398:
    beqz  s2, L1486
L1399:
    li    s0, 31152
L1400:
    la    s0, L1472
L1401:
    li    s2, -10384
L1402:
    li    s2, -7224
L1403:
    beqz  s2, L1267
L1404:
    beqz  s2, L1204
L1405:
    la    s2, L1301
L1406:
    beqz  s2, L1499
L1407:
    li    s2, 46000
L1408:
    li    a0, 25672
L1409:
    beqz  s2, L1499
L1410:
    beqz  s2, L1418
L1411:
    la    s0, L1339
L1412:
    la    a0, L1452
L1413:
    beqz  s0, L1499
L1414:
    la    s0, L1499
L1415:
    beqz  a0, L1499
L1416:
    beqz  s2, L1499
L1417:
    li    a0, 26832
L1418:
    li    s0, 40784
L1419:
    beqz  s0, L1251
L1420:
    li    s2, 42864
L1421:
    la    s2, L1461
L1422:
    beqz  s2, L1294
L1423:
    la    s0, L1499
L1424:
    beqz  s0, L1304
L1425:
    beqz  s2, L1499
L1426:
    beqz  s2, L1498
L1427:
    li    s0, 16400
L1428:
    li    s0, 25072
L1429:
    li    s2, -49104
L1430:
    li    a0, 20112
L1431:
    beqz  s0, L1279
L1432:
    li    a0, -31088
L1433:
    la    a0, L1377
L1434:
    la    s2, L1362
L1435:
    beqz  s2, L1459
L1436:
    beqz  a0, L1499
L1437:
    li    s0, -5072
L1438:
    la    s2, L1302
L1439:
    li    a0, -49168
L1440:
    la    s0, L1499
L1441:
    beqz  s2, L1241
L1442:
    beqz  s2, L1499
L1443:
    la    s0, L1307
L1444:
    li    s2, 7824
L1445:
    beqz  a0, L1309
L1446:
    li    s0, 20752
L1447:
    beqz  s0, L1487
L1448:
    la    a0, L1344
L1449:
    li    s2, 27824
L1450:
    beqz  a0, L1499
L1451:
    li    s2, -11280
L1452:
    li    s2, -32336
L1453:
    li    s0, -33584
L1454:
    li    a0, 36560
L1455:
    beqz  a0, L1479
L1456:
    beqz  a0, L1288
L1457:
    la    a0, L1499
L1458:
    beqz  s2, L1338
L1459:
    la    s0, L1419
L1460:
    li    s0, -42512
L1461:
    la    s0, L1469
L1462:
    beqz  a0, L1294
L1463:
    la    s2, L1279
L1464:
    li    a0, 10992
L1465:
    li    a0, -6480
L1466:
    li    s0, -7024
L1467:
    li    a0, -46288
L1468:
    beqz  s2, L1499
L1469:
    beqz  s2, L1429
L1470:
    la    s0, L1302
L1471:
    beqz  a0, L1499
L1472:
    li    a0, 6576
L1473:
    li    s2, 14160
L1474:
    la    s2, L1499
L1475:
    la    a0, L1499
L1476:
    li    s0, -13104
L1477:
    beqz  a0, L1437
L1478:
    beqz  s0, L1374
L1479:
    beqz  s2, L1391
L1480:
    li    s0, -1712
L1481:
    beqz  s2, L1499
L1482:
    beqz  s0, L1282
L1483:
    li    s2, 36848
L1484:
    la    a0, L1499
L1485:
    la    s2, L1477
L1486:
    beqz  s0, L1478
L1487:
    la    a0, L1431
L1488:
    la    a0, L1336
L1489:
    beqz  a0, L1499
L1490:
    la    a0, L1338
L1491:
    li    a0, -48432
L1492:
    li    a0, -46256
L1493:
    la    a0, L1499
L1494:
    la    a0, L1499
L1495:
    la    s2, L1455
L1496:
    li    s0, -32016
L1497:
    li    s2, 32624
L1498:
    la    a0, L1458
L1499:
    la    s0, L1331
    ret
