# The list's limit prompt completes town and village names with Tab (issue 16): a
# user types town:龙山 and Tab gives town:龙山镇 (a town of the 2023 codes in scope),
# and the limit then shows that town's households only.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
# the limit prompt's start ("limit (e.g."), in the test's language
lim=$(M 'limit (e.g. county:佛冈县 category:边缘易致贫户 income<6000): '); lim=${lim%% county:*}
[ "$LANGUAGE" != zh_CN ] || [ "$lim" = 限定条件（例如 ] || fail "the Chinese prompt: $lim"

expect_exit 0 "$BANGFU" -d d init
printf '%s\n' '户编号,县区代码,乡镇代码,乡镇,行政村代码,行政村,姓名,证件号码,与户主关系,户类型,家庭人均纯收入' \
 '4418210011,441821,441821103,龙山镇,441821103201,关前村,陈大文,441821197501011016,户主,一般农户,9000' \
 '4418210012,441821,441821101,水头镇,441821101203,西田村,陈四文,441821197501011040,户主,一般农户,9000' > f.csv
expect_exit 0 "$BANGFU" -d d import households f.csv --why 台账

ui_shell 100 30
ui_type "$BANGFU -d d"; ui_keys Enter
ui_wait "$(M Households)"
ui_wait "陈四文"
ui_keys l; ui_wait "$lim"
ui_keys C-u; ui_type "town:龙山"; ui_keys Tab
ui_wait "town:龙山镇"
ui_keys Enter
ui_wait "陈大文"
ui_wait_gone "陈四文"
# Tab completes the word under the cursor and keeps the rest of the line: at the end,
ui_keys l; ui_wait "$lim"
ui_keys C-u; ui_type "income>100 town:水头"; ui_keys Tab
ui_wait "income>100 town:水头镇"
# and in the middle (the cursor after 龙山, the word to its right kept after it)
ui_keys C-u; ui_type "town:龙山 income>100"; ui_keys Left Left Left Left Left Left Left Left Left Left Left Tab
ui_wait "town:龙山镇 income>100"
ui_keys Enter
ui_wait "陈大文"
ui_wait_gone "陈四文"
ui_keys Q
ui_done

# a clerk of 水头镇 is offered the villages of her town: village:西 Tab gives 西田村
expect_exit 0 "$BANGFU" -d d user add shui --name 水头镇审核 --role township --scope 441821101 --why 新人
ui_cleanup
ui_shell 100 30
ui_type "BANGFU_TEST_LOGIN=shui $BANGFU_TH -d d"; ui_keys Enter
ui_wait "陈四文"
ui_keys l; ui_wait "$lim"
ui_keys C-u; ui_type "village:西"; ui_keys Tab
ui_wait "village:西田村"
ui_keys Enter
ui_wait "陈四文"
ui_keys Q
ui_done
