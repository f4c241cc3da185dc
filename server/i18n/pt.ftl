# As mensagens do Placer em português. Cada mensagem do catálogo inglês (en.ftl) deve
# estar aqui; `cargo test -p placer --lib i18n` verifica-o. As { $variáveis } são
# preenchidas pelo programa: mantê-las na tradução.

## placer device: sincronização
device-syncing = a sincronizar: { $batches } lote(s) enviado(s), { $changes } alteração(ões) recebida(s)
device-synced = { $batches } lote(s) enviado(s) ({ $ops } operações){ $resent }, { $changes } alteração(ões) recebida(s); cursor { $cursor }; { $up } bytes enviados, { $down } recebidos, { $seconds } s{ $attempts }; ficam no aparelho: { $left-ops } operação(ões), { $left-batches } lote(s)
device-synced-resent = {" "}(e { $count } que o servidor voltou a pedir)
device-synced-attempts = {" "}em { $count } tentativas

## placer device: lista
device-list-incomplete = (incompleto: à espera do registo)
device-list-void = ANULADO({ $reason })
device-list-conflicts = [{ $count } conflito(s)]
device-list-count = { $count } registo(s)

## placer device: o que recusa
device-needs-holder = uma licença precisa de um titular (--holder-miner ou --holder-org)
device-needs-seller = uma venda precisa de um vendedor (--seller-miner ou --seller-licence)
device-not-field-value = { $given } não tem a forma CAMPO=VALOR

## A moldura do painel: cada página
frame-nav-overview = Visão geral
frame-nav-flags = Alertas
frame-nav-footprint = Pegada
frame-nav-exports = Controlo das exportações
frame-nav-large-stones = Pedras grandes
frame-nav-devices = Aparelhos
frame-nav-users = Contas
frame-nav-label = Páginas
frame-log-out = Sair
frame-language = Língua
frame-role-admin = administrador
frame-role-national-officer = agente nacional
frame-role-regional-officer = agente regional
frame-role-export-monitor = controlador das exportações

## A página de entrada
login-title = Entrar
login-user = Nome de utilizador
login-password = Palavra-passe
login-submit = Entrar

## Valores que uma página escreve por extenso
value-female = feminino
value-male = masculino
value-unspecified = não indicado
value-diamond = diamante
value-gold = ouro
value-artisanal-permit = licença artesanal
value-claim = concessão
value-cooperative = cooperativa
value-buyer = comprador
value-exporter = exportador
value-active = em vigor
value-suspended = suspensa
value-revoked = revogada
standing-expired = caducou em { $day }
standing-not-issued = não vigente antes de { $day }
size-below = menos de { $carats } ct
size-and-above = { $carats } ct ou mais
value-miner = mineiro
value-licence = licença
value-production = produção
value-sale = venda
value-export = exportação
value-region = região
value-organisation = organização
value-similar = semelhante
value-different = diferente
value-too-few-stones = poucas pedras
value-kolmogorov-smirnov = Kolmogorov-Smirnov
value-chi-square = qui-quadrado

## Tipos de alerta
flag-kind-outside-licence-area = Produção fora da área da licença
flag-kind-outside-country = Produção fora do país da licença
flag-kind-licence-not-valid = Produção com uma licença não válida nesse dia
flag-kind-unregistered-miner = Registo que cita um mineiro não inscrito
flag-kind-unlicensed-buyer = Venda a um comprador sem licença
flag-kind-implausible-productivity = Produção inverosímil numa licença
flag-kind-impossible-stone-weight = Pesos de pedras impossíveis
flag-kind-duplicate-national-id = Dois mineiros com o mesmo número de identidade
flag-kind-duplicate-name-and-birth-year = Dois mineiros com o mesmo nome e ano de nascimento
flag-kind-device-clock-skew = Relógio de um dispositivo muito desfasado
flag-kind-batch-fork = Dois lotes diferentes de um mesmo dispositivo (dispositivo clonado?)
flag-kind-invalid-licence-area = Área da licença em falta ou inutilizável
flag-kind-exports-exceed-purchases = Exportador que expediu mais do que comprou
flag-kind-quarantined-entry = Entrada do registo posta de lado (não aplicável)
flag-kind-sales-exceed-purchases = Comerciante que vendeu mais do que comprou

## Tabelas e contagens
table-empty = Nada a mostrar.
table-action = Ação
table-pages = Páginas
table-first = « Primeira
table-previous = ‹ Anterior
table-next = Seguinte ›
table-last = Última »
table-page-of = Página { $page } de { $pages }
table-showing = { $count }, { $first } a { $last } mostrados
count-miners = { $count ->
    [0] Nenhum mineiro
    [one] { $count } mineiro
   *[other] { $count } mineiros
}
count-licences = { $count ->
    [0] Nenhuma licença
    [one] { $count } licença
   *[other] { $count } licenças
}
count-productions = { $count ->
    [0] Nenhum registo de produção
    [one] { $count } registo de produção
   *[other] { $count } registos de produção
}
count-flags = { $count ->
    [0] Nenhum alerta
    [one] { $count } alerta
   *[other] { $count } alertas
}
count-cases = { $count ->
    [0] Nenhum caso
    [one] { $count } caso
   *[other] { $count } casos
}

## Page: period
# Os meses que uma página abrange, e o formulário que os escolhe.
period-describe = de { $from } a { $to }
period-from = De
period-to = Até
period-show = Mostrar
period-starts-after-end = o período começa ({ $from }) depois de terminar ({ $to })
period-too-long = uma página abrange no máximo { $months } meses; escolha um período mais curto

## Page: charts
# Os gráficos de cada página: títulos, unidades do eixo dos valores, séries da legenda
# e das dicas (`chart-series-` e o nome da série).
chart-tooltip = { $label }, { $series }: { $value } { $unit }
chart-carats-by-month = Quilates produzidos por mês
chart-records-by-month = Registos de produção por mês
chart-sales-by-month = Vendas por mês
chart-unit-carats = quilates
chart-unit-records = registos
chart-unit-usd = US$
chart-unit-share-of-stones = % das pedras
chart-series-carats = quilates
chart-series-sales-us = vendas US$
chart-series-production-records = registos de produção
chart-series-this-period = este período
chart-series-reference = referência

## Page: maps
# O mapa das regiões (visão geral) e a área de uma licença com os seus dias de lavra.
map-no-boundaries = Ainda não foram importados limites de regiões.
map-region-tooltip = { $name }: { $value } { $unit }
map-legend-unit = { $unit }:{" "}
map-none = nenhuma
map-up-to = até { $value }
map-area-nothing = Nenhuma área foi percorrida e nada foi registado aqui.
map-area = área
map-recorded-here = registado aqui ({ $count })

## Page: errors
# As páginas de um endereço que não pode ser mostrado.
err-bad-request = Pedido inválido
err-forbidden = Acesso recusado
err-not-found = Não encontrado
err-conflict = Operação impossível
err-internal = Erro do servidor
err-internal-detail = O servidor não conseguiu mostrar esta página; a causa está no seu registo.
err-back = Voltar à visão geral
err-no-page = não há nenhuma página em { $path }

## Page: period
# Os meses que uma página abrange, e o formulário que os escolhe.
period-describe = de { $from } a { $to }
period-from = De
period-to = Até
period-show = Mostrar
period-starts-after-end = o período começa ({ $from }) depois de terminar ({ $to })
period-too-long = uma página abrange no máximo { $months } meses; escolha um período mais curto

## Page: charts
# Os gráficos de cada página: títulos, unidades do eixo dos valores, séries da legenda
# e das dicas (`chart-series-` e o nome da série).
chart-tooltip = { $label }, { $series }: { $value } { $unit }
chart-carats-by-month = Quilates produzidos por mês
chart-records-by-month = Registos de produção por mês
chart-sales-by-month = Vendas por mês
chart-unit-carats = quilates
chart-unit-records = registos
chart-unit-usd = US$
chart-unit-share-of-stones = % das pedras
chart-series-carats = quilates
chart-series-sales-us = vendas US$
chart-series-production-records = registos de produção
chart-series-this-period = este período
chart-series-reference = referência

## Page: maps
# O mapa das regiões (visão geral) e a área de uma licença com os seus dias de lavra.
map-no-boundaries = Ainda não foram importados limites de regiões.
map-region-tooltip = { $name }: { $value } { $unit }
map-legend-unit = { $unit }:{" "}
map-none = nenhuma
map-up-to = até { $value }
map-area-nothing = Nenhuma área foi percorrida e nada foi registado aqui.
map-area = área
map-recorded-here = registado aqui ({ $count })

## Page: errors
# As páginas de um endereço que não pode ser mostrado.
err-bad-request = Pedido inválido
err-forbidden = Acesso recusado
err-not-found = Não encontrado
err-conflict = Operação impossível
err-internal = Erro do servidor
err-internal-detail = O servidor não conseguiu mostrar esta página; a causa está no seu registo.
err-back = Voltar à visão geral
err-no-page = não há nenhuma página em { $path }

## Page: overview
# `/`: a visão geral nacional (ou das regiões de um agente regional), os seus números,
# o mapa e a evolução.
ov-title-national = Visão geral nacional
ov-title-scoped = Visão geral: { $names }
ov-note-national = Números de todas as regiões, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
ov-note-scoped = Números de { $names }, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
# { $print } é a ligação «Imprimir» (ov-print).
ov-print-note = { $print } o relatório nacional de controlo interno deste período.
ov-print = Imprimir
ov-by-region = Produção por região
ov-production-in = Produção em { $names }
ov-trend = Evolução mensal
ov-production-records = Registos de produção
ov-carats = Quilates
ov-stones = Pedras
ov-sales-usd = Vendas (US$)
ov-share-inside-licence = Quilates dentro das áreas licenciadas
ov-share-on-valid-licence = Quilates com licenças válidas
ov-share-by-registered-miner = Quilates de mineiros registados
ov-devices-not-synced = Dispositivos sem sincronizar há 14 dias
ov-monthly-caption = Produção e vendas por mês, { $period }
ov-regions-caption = Regiões do mapa, { $period }
ov-col-month = Mês
ov-col-region = Região
ov-col-inside-licence = Dentro da licença
ov-map-title = Quilates produzidos por região, { $period }

## Page: period
# Os meses que uma página abrange, e o formulário que os escolhe.
period-describe = de { $from } a { $to }
period-from = De
period-to = Até
period-show = Mostrar
period-starts-after-end = o período começa ({ $from }) depois de terminar ({ $to })
period-too-long = uma página abrange no máximo { $months } meses; escolha um período mais curto

## Page: charts
# Os gráficos de cada página: títulos, unidades do eixo dos valores, séries da legenda
# e das dicas (`chart-series-` e o nome da série).
chart-tooltip = { $label }, { $series }: { $value } { $unit }
chart-carats-by-month = Quilates produzidos por mês
chart-records-by-month = Registos de produção por mês
chart-sales-by-month = Vendas por mês
chart-unit-carats = quilates
chart-unit-records = registos
chart-unit-usd = US$
chart-unit-share-of-stones = % das pedras
chart-series-carats = quilates
chart-series-sales-us = vendas US$
chart-series-production-records = registos de produção
chart-series-this-period = este período
chart-series-reference = referência

## Page: maps
# O mapa das regiões (visão geral) e a área de uma licença com os seus dias de lavra.
map-no-boundaries = Ainda não foram importados limites de regiões.
map-region-tooltip = { $name }: { $value } { $unit }
map-legend-unit = { $unit }:{" "}
map-none = nenhuma
map-up-to = até { $value }
map-area-nothing = Nenhuma área foi percorrida e nada foi registado aqui.
map-area = área
map-recorded-here = registado aqui ({ $count })

## Page: errors
# As páginas de um endereço que não pode ser mostrado.
err-bad-request = Pedido inválido
err-forbidden = Acesso recusado
err-not-found = Não encontrado
err-conflict = Operação impossível
err-internal = Erro do servidor
err-internal-detail = O servidor não conseguiu mostrar esta página; a causa está no seu registo.
err-back = Voltar à visão geral
err-no-page = não há nenhuma página em { $path }

## Page: overview
# `/`: a visão geral nacional (ou das regiões de um agente regional), os seus números,
# o mapa e a evolução.
ov-title-national = Visão geral nacional
ov-title-scoped = Visão geral: { $names }
ov-note-national = Números de todas as regiões, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
ov-note-scoped = Números de { $names }, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
# { $print } é a ligação «Imprimir» (ov-print).
ov-print-note = { $print } o relatório nacional de controlo interno deste período.
ov-print = Imprimir
ov-by-region = Produção por região
ov-production-in = Produção em { $names }
ov-trend = Evolução mensal
ov-production-records = Registos de produção
ov-carats = Quilates
ov-stones = Pedras
ov-sales-usd = Vendas (US$)
ov-share-inside-licence = Quilates dentro das áreas licenciadas
ov-share-on-valid-licence = Quilates com licenças válidas
ov-share-by-registered-miner = Quilates de mineiros registados
ov-devices-not-synced = Dispositivos sem sincronizar há 14 dias
ov-monthly-caption = Produção e vendas por mês, { $period }
ov-regions-caption = Regiões do mapa, { $period }
ov-col-month = Mês
ov-col-region = Região
ov-col-inside-licence = Dentro da licença
ov-map-title = Quilates produzidos por região, { $period }

## Page: region
# `/regions/{id}`: os meses de uma região, as regiões abaixo dela e os seus registos.
reg-title = Região: { $name }
# { $region } é a ligação para a região acima.
reg-part-of = Faz parte de { $region }.
reg-footprint-link = Pegada dos tamanhos das pedras
reg-flags-link = Alertas
reg-records = Registos
reg-print = Imprimir
reg-print-kp = Imprimir as estatísticas PK
reg-by-month = Por mês
reg-monthly-caption = Por mês, { $period }
reg-below-title = Regiões de { $name }
reg-below-caption = Regiões de { $name }, { $period }
reg-below-note = { $count ->
    [one] { $count } região; mineiros e licenças tal como estavam no fim de { $month }, produção do período ({ $carats } quilates).
   *[other] { $count } regiões; mineiros e licenças tal como estavam no fim de { $month }, produção do período ({ $carats } quilates).
}
reg-col-month = Mês
reg-col-production-records = Registos de produção
reg-col-digger-days = Dias-escavador
reg-col-gravel = Cascalho (m³)
reg-col-carats = Quilates
reg-col-stones = Pedras
reg-col-mean-stone = Pedra média (ct)
reg-col-sales-usd = Vendas (US$)
reg-col-usd-per-carat = US$ por quilate
reg-col-miners = Mineiros
reg-col-licences-active = Licenças em vigor
reg-col-flags-raised = Alertas emitidos
reg-col-region = Região
reg-col-miners-registered = Mineiros registados
reg-col-id = Identificador
reg-col-number = Número
reg-col-kind = Tipo
reg-col-holder = Titular
reg-col-mineral = Mineral
reg-col-issued = Emitida em
reg-col-expires = Expira em
reg-col-status = Estado
reg-col-names = Nomes
reg-col-sex = Sexo
reg-col-born = Ano de nascimento
reg-col-cooperative = Cooperativa
reg-col-registered = Registado em
reg-col-date = Data
reg-col-licence = Licença
reg-col-miner = Mineiro
reg-col-diggers = Escavadores
reg-no-licences = Nenhuma licença está registada aqui.
reg-no-miners = Nenhum mineiro está registado aqui.
reg-miners-not-shown = Os dados pessoais dos mineiros não são mostrados a esta função.
reg-no-production = Nenhuma produção está registada aqui.
reg-miner-by-id = mineiro n.º { $id }
reg-list-licences = Licenças
reg-list-miners = Mineiros
reg-list-production = Produção, a mais recente primeiro
reg-list-caption = { $list }, página { $page } de { $pages }
reg-lists = Listas
reg-own-records = Apenas os registos arquivados diretamente em { $name }; os das regiões abaixo estão nas suas páginas, e uma pesquisa percorre-os todos.
reg-search-label = Pesquisar por nome, número de licença ou data
reg-search-label-national-id = Pesquisar por nome, número de licença, número de identidade ou data
reg-search = Pesquisar
reg-clear-search = Limpar a pesquisa
reg-found-by = { $count } para a pesquisa «{ $q }»
reg-no-list = lista { $list }: licenças (licences), mineiros (miners) ou produção (production)
reg-no-table = esta página não tem a tabela { $table }
reg-search-too-long = uma pesquisa tem no máximo { $count } caracteres

## Page: period
# Os meses que uma página abrange, e o formulário que os escolhe.
period-describe = de { $from } a { $to }
period-from = De
period-to = Até
period-show = Mostrar
period-starts-after-end = o período começa ({ $from }) depois de terminar ({ $to })
period-too-long = uma página abrange no máximo { $months } meses; escolha um período mais curto

## Page: charts
# Os gráficos de cada página: títulos, unidades do eixo dos valores, séries da legenda
# e das dicas (`chart-series-` e o nome da série).
chart-tooltip = { $label }, { $series }: { $value } { $unit }
chart-carats-by-month = Quilates produzidos por mês
chart-records-by-month = Registos de produção por mês
chart-sales-by-month = Vendas por mês
chart-unit-carats = quilates
chart-unit-records = registos
chart-unit-usd = US$
chart-unit-share-of-stones = % das pedras
chart-series-carats = quilates
chart-series-sales-us = vendas US$
chart-series-production-records = registos de produção
chart-series-this-period = este período
chart-series-reference = referência

## Page: maps
# O mapa das regiões (visão geral) e a área de uma licença com os seus dias de lavra.
map-no-boundaries = Ainda não foram importados limites de regiões.
map-region-tooltip = { $name }: { $value } { $unit }
map-legend-unit = { $unit }:{" "}
map-none = nenhuma
map-up-to = até { $value }
map-area-nothing = Nenhuma área foi percorrida e nada foi registado aqui.
map-area = área
map-recorded-here = registado aqui ({ $count })

## Page: errors
# As páginas de um endereço que não pode ser mostrado.
err-bad-request = Pedido inválido
err-forbidden = Acesso recusado
err-not-found = Não encontrado
err-conflict = Operação impossível
err-internal = Erro do servidor
err-internal-detail = O servidor não conseguiu mostrar esta página; a causa está no seu registo.
err-back = Voltar à visão geral
err-no-page = não há nenhuma página em { $path }

## Page: overview
# `/`: a visão geral nacional (ou das regiões de um agente regional), os seus números,
# o mapa e a evolução.
ov-title-national = Visão geral nacional
ov-title-scoped = Visão geral: { $names }
ov-note-national = Números de todas as regiões, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
ov-note-scoped = Números de { $names }, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
# { $print } é a ligação «Imprimir» (ov-print).
ov-print-note = { $print } o relatório nacional de controlo interno deste período.
ov-print = Imprimir
ov-by-region = Produção por região
ov-production-in = Produção em { $names }
ov-trend = Evolução mensal
ov-production-records = Registos de produção
ov-carats = Quilates
ov-stones = Pedras
ov-sales-usd = Vendas (US$)
ov-share-inside-licence = Quilates dentro das áreas licenciadas
ov-share-on-valid-licence = Quilates com licenças válidas
ov-share-by-registered-miner = Quilates de mineiros registados
ov-devices-not-synced = Dispositivos sem sincronizar há 14 dias
ov-monthly-caption = Produção e vendas por mês, { $period }
ov-regions-caption = Regiões do mapa, { $period }
ov-col-month = Mês
ov-col-region = Região
ov-col-inside-licence = Dentro da licença
ov-map-title = Quilates produzidos por região, { $period }

## Page: region
# `/regions/{id}`: os meses de uma região, as regiões abaixo dela e os seus registos.
reg-title = Região: { $name }
# { $region } é a ligação para a região acima.
reg-part-of = Faz parte de { $region }.
reg-footprint-link = Pegada dos tamanhos das pedras
reg-flags-link = Alertas
reg-records = Registos
reg-print = Imprimir
reg-print-kp = Imprimir as estatísticas PK
reg-by-month = Por mês
reg-monthly-caption = Por mês, { $period }
reg-below-title = Regiões de { $name }
reg-below-caption = Regiões de { $name }, { $period }
reg-below-note = { $count ->
    [one] { $count } região; mineiros e licenças tal como estavam no fim de { $month }, produção do período ({ $carats } quilates).
   *[other] { $count } regiões; mineiros e licenças tal como estavam no fim de { $month }, produção do período ({ $carats } quilates).
}
reg-col-month = Mês
reg-col-production-records = Registos de produção
reg-col-digger-days = Dias-escavador
reg-col-gravel = Cascalho (m³)
reg-col-carats = Quilates
reg-col-stones = Pedras
reg-col-mean-stone = Pedra média (ct)
reg-col-sales-usd = Vendas (US$)
reg-col-usd-per-carat = US$ por quilate
reg-col-miners = Mineiros
reg-col-licences-active = Licenças em vigor
reg-col-flags-raised = Alertas emitidos
reg-col-region = Região
reg-col-miners-registered = Mineiros registados
reg-col-id = Identificador
reg-col-number = Número
reg-col-kind = Tipo
reg-col-holder = Titular
reg-col-mineral = Mineral
reg-col-issued = Emitida em
reg-col-expires = Expira em
reg-col-status = Estado
reg-col-names = Nomes
reg-col-sex = Sexo
reg-col-born = Ano de nascimento
reg-col-cooperative = Cooperativa
reg-col-registered = Registado em
reg-col-date = Data
reg-col-licence = Licença
reg-col-miner = Mineiro
reg-col-diggers = Escavadores
reg-no-licences = Nenhuma licença está registada aqui.
reg-no-miners = Nenhum mineiro está registado aqui.
reg-miners-not-shown = Os dados pessoais dos mineiros não são mostrados a esta função.
reg-no-production = Nenhuma produção está registada aqui.
reg-miner-by-id = mineiro n.º { $id }
reg-list-licences = Licenças
reg-list-miners = Mineiros
reg-list-production = Produção, a mais recente primeiro
reg-list-caption = { $list }, página { $page } de { $pages }
reg-lists = Listas
reg-own-records = Apenas os registos arquivados diretamente em { $name }; os das regiões abaixo estão nas suas páginas, e uma pesquisa percorre-os todos.
reg-search-label = Pesquisar por nome, número de licença ou data
reg-search-label-national-id = Pesquisar por nome, número de licença, número de identidade ou data
reg-search = Pesquisar
reg-clear-search = Limpar a pesquisa
reg-found-by = { $count } para a pesquisa «{ $q }»
reg-no-list = lista { $list }: licenças (licences), mineiros (miners) ou produção (production)
reg-no-table = esta página não tem a tabela { $table }
reg-search-too-long = uma pesquisa tem no máximo { $count } caracteres

## Page: footprint
# `/footprint`: a pegada granulométrica dos diamantes de uma região, comparada com a sua
# referência.
foot-title = Pegada
foot-title-region = Pegada: { $region }
foot-region = Região
foot-reference-from = Referência de
foot-reference-to = Referência até
foot-statistic = Estatística
foot-compare = Comparar
foot-reference-hint = Deixe vazios os meses de referência para comparar com a pegada de referência guardada para a região (ou para a região mais próxima acima dela).
foot-choose = Escolha uma região e um período.
foot-no-reference = Não há pegada de referência guardada para { $region } nem para uma região acima dela. Escolha um período de referência abaixo, ou peça a um administrador que defina uma.
foot-reference-period = { $region }, { $period }
foot-reference-imported = importada ({ $note })
foot-reference = Referência: { $reference }.
foot-reference-kept = Referência: { $reference }; guardada para { $region }, definida por { $by }.
foot-verdict = Conclusão
foot-value = Valor
foot-p-value = valor p
foot-stones = Pedras
foot-reference-stones = Pedras de referência
foot-mean-stone = Pedra média (ct)
foot-too-few-stones = Poucas pedras de um dos lados para um valor p; compare um período mais longo.
foot-classes-caption = Pedras por classe de tamanho
foot-col-class = Classe de tamanho (ct)
foot-col-carats = Quilates
foot-col-share = Parte das pedras
foot-col-reference-share = Parte de referência
foot-chart-title = Parte das pedras por classe de tamanho, comparada com a referência
foot-no-region = nenhuma região { $region }
foot-no-statistic = nenhuma estatística { $statistic }

## Page: large stones
# `/large-stones`: o registo das pedras grandes de um período.
stones-title = Registo das pedras grandes, { $period }
stones-caption = Pedras grandes
stones-col-date = Data
stones-col-region = Região
stones-col-licence = Licença
stones-col-miner = Mineiro
stones-col-mineral = Mineral
stones-col-carats = Quilates
stones-col-diggers = Escavadores
stones-col-site = Local (lat., long.)
stones-col-site-day = Dia de lavra
stones-none = Nenhuma pedra grande neste período.
stones-count = Pedras grandes
stones-carats = Os seus quilates
stones-heaviest = A mais pesada (ct)
stones-note = Uma pedra de 2 ct ou mais (diamante), ou uma pesagem de 250 ct (50 g) ou mais (ouro), é um achado excecional, inscrito aqui como os produtores mantêm o seu registo de pedras grandes; fica fora do controlo de produtividade, pelo que não levanta por si só nenhum alerta.

## Page: period
# Os meses que uma página abrange, e o formulário que os escolhe.
period-describe = de { $from } a { $to }
period-from = De
period-to = Até
period-show = Mostrar
period-starts-after-end = o período começa ({ $from }) depois de terminar ({ $to })
period-too-long = uma página abrange no máximo { $months } meses; escolha um período mais curto

## Page: charts
# Os gráficos de cada página: títulos, unidades do eixo dos valores, séries da legenda
# e das dicas (`chart-series-` e o nome da série).
chart-tooltip = { $label }, { $series }: { $value } { $unit }
chart-carats-by-month = Quilates produzidos por mês
chart-records-by-month = Registos de produção por mês
chart-sales-by-month = Vendas por mês
chart-unit-carats = quilates
chart-unit-records = registos
chart-unit-usd = US$
chart-unit-share-of-stones = % das pedras
chart-series-carats = quilates
chart-series-sales-us = vendas US$
chart-series-production-records = registos de produção
chart-series-this-period = este período
chart-series-reference = referência

## Page: maps
# O mapa das regiões (visão geral) e a área de uma licença com os seus dias de lavra.
map-no-boundaries = Ainda não foram importados limites de regiões.
map-region-tooltip = { $name }: { $value } { $unit }
map-legend-unit = { $unit }:{" "}
map-none = nenhuma
map-up-to = até { $value }
map-area-nothing = Nenhuma área foi percorrida e nada foi registado aqui.
map-area = área
map-recorded-here = registado aqui ({ $count })

## Page: errors
# As páginas de um endereço que não pode ser mostrado.
err-bad-request = Pedido inválido
err-forbidden = Acesso recusado
err-not-found = Não encontrado
err-conflict = Operação impossível
err-internal = Erro do servidor
err-internal-detail = O servidor não conseguiu mostrar esta página; a causa está no seu registo.
err-back = Voltar à visão geral
err-no-page = não há nenhuma página em { $path }

## Page: overview
# `/`: a visão geral nacional (ou das regiões de um agente regional), os seus números,
# o mapa e a evolução.
ov-title-national = Visão geral nacional
ov-title-scoped = Visão geral: { $names }
ov-note-national = Números de todas as regiões, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
ov-note-scoped = Números de { $names }, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
# { $print } é a ligação «Imprimir» (ov-print).
ov-print-note = { $print } o relatório nacional de controlo interno deste período.
ov-print = Imprimir
ov-by-region = Produção por região
ov-production-in = Produção em { $names }
ov-trend = Evolução mensal
ov-production-records = Registos de produção
ov-carats = Quilates
ov-stones = Pedras
ov-sales-usd = Vendas (US$)
ov-share-inside-licence = Quilates dentro das áreas licenciadas
ov-share-on-valid-licence = Quilates com licenças válidas
ov-share-by-registered-miner = Quilates de mineiros registados
ov-devices-not-synced = Dispositivos sem sincronizar há 14 dias
ov-monthly-caption = Produção e vendas por mês, { $period }
ov-regions-caption = Regiões do mapa, { $period }
ov-col-month = Mês
ov-col-region = Região
ov-col-inside-licence = Dentro da licença
ov-map-title = Quilates produzidos por região, { $period }

## Page: region
# `/regions/{id}`: os meses de uma região, as regiões abaixo dela e os seus registos.
reg-title = Região: { $name }
# { $region } é a ligação para a região acima.
reg-part-of = Faz parte de { $region }.
reg-footprint-link = Pegada dos tamanhos das pedras
reg-flags-link = Alertas
reg-records = Registos
reg-print = Imprimir
reg-print-kp = Imprimir as estatísticas PK
reg-by-month = Por mês
reg-monthly-caption = Por mês, { $period }
reg-below-title = Regiões de { $name }
reg-below-caption = Regiões de { $name }, { $period }
reg-below-note = { $count ->
    [one] { $count } região; mineiros e licenças tal como estavam no fim de { $month }, produção do período ({ $carats } quilates).
   *[other] { $count } regiões; mineiros e licenças tal como estavam no fim de { $month }, produção do período ({ $carats } quilates).
}
reg-col-month = Mês
reg-col-production-records = Registos de produção
reg-col-digger-days = Dias-escavador
reg-col-gravel = Cascalho (m³)
reg-col-carats = Quilates
reg-col-stones = Pedras
reg-col-mean-stone = Pedra média (ct)
reg-col-sales-usd = Vendas (US$)
reg-col-usd-per-carat = US$ por quilate
reg-col-miners = Mineiros
reg-col-licences-active = Licenças em vigor
reg-col-flags-raised = Alertas emitidos
reg-col-region = Região
reg-col-miners-registered = Mineiros registados
reg-col-id = Identificador
reg-col-number = Número
reg-col-kind = Tipo
reg-col-holder = Titular
reg-col-mineral = Mineral
reg-col-issued = Emitida em
reg-col-expires = Expira em
reg-col-status = Estado
reg-col-names = Nomes
reg-col-sex = Sexo
reg-col-born = Ano de nascimento
reg-col-cooperative = Cooperativa
reg-col-registered = Registado em
reg-col-date = Data
reg-col-licence = Licença
reg-col-miner = Mineiro
reg-col-diggers = Escavadores
reg-no-licences = Nenhuma licença está registada aqui.
reg-no-miners = Nenhum mineiro está registado aqui.
reg-miners-not-shown = Os dados pessoais dos mineiros não são mostrados a esta função.
reg-no-production = Nenhuma produção está registada aqui.
reg-miner-by-id = mineiro n.º { $id }
reg-list-licences = Licenças
reg-list-miners = Mineiros
reg-list-production = Produção, a mais recente primeiro
reg-list-caption = { $list }, página { $page } de { $pages }
reg-lists = Listas
reg-own-records = Apenas os registos arquivados diretamente em { $name }; os das regiões abaixo estão nas suas páginas, e uma pesquisa percorre-os todos.
reg-search-label = Pesquisar por nome, número de licença ou data
reg-search-label-national-id = Pesquisar por nome, número de licença, número de identidade ou data
reg-search = Pesquisar
reg-clear-search = Limpar a pesquisa
reg-found-by = { $count } para a pesquisa «{ $q }»
reg-no-list = lista { $list }: licenças (licences), mineiros (miners) ou produção (production)
reg-no-table = esta página não tem a tabela { $table }
reg-search-too-long = uma pesquisa tem no máximo { $count } caracteres

## Page: footprint
# `/footprint`: a pegada granulométrica dos diamantes de uma região, comparada com a sua
# referência.
foot-title = Pegada
foot-title-region = Pegada: { $region }
foot-region = Região
foot-reference-from = Referência de
foot-reference-to = Referência até
foot-statistic = Estatística
foot-compare = Comparar
foot-reference-hint = Deixe vazios os meses de referência para comparar com a pegada de referência guardada para a região (ou para a região mais próxima acima dela).
foot-choose = Escolha uma região e um período.
foot-no-reference = Não há pegada de referência guardada para { $region } nem para uma região acima dela. Escolha um período de referência abaixo, ou peça a um administrador que defina uma.
foot-reference-period = { $region }, { $period }
foot-reference-imported = importada ({ $note })
foot-reference = Referência: { $reference }.
foot-reference-kept = Referência: { $reference }; guardada para { $region }, definida por { $by }.
foot-verdict = Conclusão
foot-value = Valor
foot-p-value = valor p
foot-stones = Pedras
foot-reference-stones = Pedras de referência
foot-mean-stone = Pedra média (ct)
foot-too-few-stones = Poucas pedras de um dos lados para um valor p; compare um período mais longo.
foot-classes-caption = Pedras por classe de tamanho
foot-col-class = Classe de tamanho (ct)
foot-col-carats = Quilates
foot-col-share = Parte das pedras
foot-col-reference-share = Parte de referência
foot-chart-title = Parte das pedras por classe de tamanho, comparada com a referência
foot-no-region = nenhuma região { $region }
foot-no-statistic = nenhuma estatística { $statistic }

## Page: large stones
# `/large-stones`: o registo das pedras grandes de um período.
stones-title = Registo das pedras grandes, { $period }
stones-caption = Pedras grandes
stones-col-date = Data
stones-col-region = Região
stones-col-licence = Licença
stones-col-miner = Mineiro
stones-col-mineral = Mineral
stones-col-carats = Quilates
stones-col-diggers = Escavadores
stones-col-site = Local (lat., long.)
stones-col-site-day = Dia de lavra
stones-none = Nenhuma pedra grande neste período.
stones-count = Pedras grandes
stones-carats = Os seus quilates
stones-heaviest = A mais pesada (ct)
stones-note = Uma pedra de 2 ct ou mais (diamante), ou uma pesagem de 250 ct (50 g) ou mais (ouro), é um achado excecional, inscrito aqui como os produtores mantêm o seu registo de pedras grandes; fica fora do controlo de produtividade, pelo que não levanta por si só nenhum alerta.

## Page: devices
# `/devices` (administradores): os dispositivos inscritos, e a revogação de um deles uma
# vez confirmada.
dev-title = Dispositivos
dev-caption = Dispositivos ({ $count })
dev-col-agent = Agente
dev-col-label = Etiqueta
dev-col-regions = Regiões
dev-last-sync = Última sincronização
dev-col-batches = Lotes
dev-col-enrolled = Inscrito em
dev-col-state = Estado
dev-device = Dispositivo
dev-none = Nenhum dispositivo está inscrito.
dev-state-revoked = revogado em { $at }: { $reason }
dev-state-active = ativo
dev-reason-placeholder = motivo
dev-revoke = Revogar…
dev-note = Um dispositivo revogado deixa de poder sincronizar; o que enviou fica guardado. Revogue de imediato um aparelho perdido ou roubado.
dev-no-device = não há nenhum dispositivo { $id }
dev-revoked-already = o dispositivo { $id } já está revogado
dev-confirm-title = Revogar um dispositivo?
# { $agent } é o nome do agente (a negrito), { $label } a etiqueta do dispositivo entre parênteses, ou nada.
dev-confirm-question = Revogar o dispositivo de { $agent }{ $label }? Deixará de poder sincronizar; o que enviou fica guardado. Isto não pode ser desfeito.
dev-never = nunca
dev-reason = Motivo
dev-confirm = Sim, revogar este dispositivo
dev-cancel = Cancelar

## Page: accounts
# `/users` (administradores): as contas dos agentes, e a sua desativação.
acct-title = Contas
acct-caption = Contas ({ $count })
acct-col-name = Nome
acct-col-role = Função
acct-col-regions = Regiões
acct-col-created = Criada em
acct-col-state = Estado
acct-col-sessions-from = Sessões terminadas antes de
acct-none = Nenhuma conta.
acct-state-disabled = desativada em { $at }
acct-state-active = ativa
acct-enable = Reativar
acct-disable = Desativar
acct-end-sessions = Terminar as sessões
acct-new-password = nova palavra-passe
acct-set-password = Definir a palavra-passe
acct-note = Quando um agente sai ou perde um dispositivo, desative a conta: deixa de poder entrar e as suas sessões abertas terminam de imediato. Uma nova palavra-passe também termina todas as sessões.

## Page: period
# Os meses que uma página abrange, e o formulário que os escolhe.
period-describe = de { $from } a { $to }
period-from = De
period-to = Até
period-show = Mostrar
period-starts-after-end = o período começa ({ $from }) depois de terminar ({ $to })
period-too-long = uma página abrange no máximo { $months } meses; escolha um período mais curto

## Page: charts
# Os gráficos de cada página: títulos, unidades do eixo dos valores, séries da legenda
# e das dicas (`chart-series-` e o nome da série).
chart-tooltip = { $label }, { $series }: { $value } { $unit }
chart-carats-by-month = Quilates produzidos por mês
chart-records-by-month = Registos de produção por mês
chart-sales-by-month = Vendas por mês
chart-unit-carats = quilates
chart-unit-records = registos
chart-unit-usd = US$
chart-unit-share-of-stones = % das pedras
chart-series-carats = quilates
chart-series-sales-us = vendas US$
chart-series-production-records = registos de produção
chart-series-this-period = este período
chart-series-reference = referência

## Page: maps
# O mapa das regiões (visão geral) e a área de uma licença com os seus dias de lavra.
map-no-boundaries = Ainda não foram importados limites de regiões.
map-region-tooltip = { $name }: { $value } { $unit }
map-legend-unit = { $unit }:{" "}
map-none = nenhuma
map-up-to = até { $value }
map-area-nothing = Nenhuma área foi percorrida e nada foi registado aqui.
map-area = área
map-recorded-here = registado aqui ({ $count })

## Page: errors
# As páginas de um endereço que não pode ser mostrado.
err-bad-request = Pedido inválido
err-forbidden = Acesso recusado
err-not-found = Não encontrado
err-conflict = Operação impossível
err-internal = Erro do servidor
err-internal-detail = O servidor não conseguiu mostrar esta página; a causa está no seu registo.
err-back = Voltar à visão geral
err-no-page = não há nenhuma página em { $path }

## Page: overview
# `/`: a visão geral nacional (ou das regiões de um agente regional), os seus números,
# o mapa e a evolução.
ov-title-national = Visão geral nacional
ov-title-scoped = Visão geral: { $names }
ov-note-national = Números de todas as regiões, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
ov-note-scoped = Números de { $names }, { $period }, do relatório nacional; os números de cada região incluem os das regiões abaixo dela.
# { $print } é a ligação «Imprimir» (ov-print).
ov-print-note = { $print } o relatório nacional de controlo interno deste período.
ov-print = Imprimir
ov-by-region = Produção por região
ov-production-in = Produção em { $names }
ov-trend = Evolução mensal
ov-production-records = Registos de produção
ov-carats = Quilates
ov-stones = Pedras
ov-sales-usd = Vendas (US$)
ov-share-inside-licence = Quilates dentro das áreas licenciadas
ov-share-on-valid-licence = Quilates com licenças válidas
ov-share-by-registered-miner = Quilates de mineiros registados
ov-devices-not-synced = Dispositivos sem sincronizar há 14 dias
ov-monthly-caption = Produção e vendas por mês, { $period }
ov-regions-caption = Regiões do mapa, { $period }
ov-col-month = Mês
ov-col-region = Região
ov-col-inside-licence = Dentro da licença
ov-map-title = Quilates produzidos por região, { $period }

## Page: region
# `/regions/{id}`: os meses de uma região, as regiões abaixo dela e os seus registos.
reg-title = Região: { $name }
# { $region } é a ligação para a região acima.
reg-part-of = Faz parte de { $region }.
reg-footprint-link = Pegada dos tamanhos das pedras
reg-flags-link = Alertas
reg-records = Registos
reg-print = Imprimir
reg-print-kp = Imprimir as estatísticas PK
reg-by-month = Por mês
reg-monthly-caption = Por mês, { $period }
reg-below-title = Regiões de { $name }
reg-below-caption = Regiões de { $name }, { $period }
reg-below-note = { $count ->
    [one] { $count } região; mineiros e licenças tal como estavam no fim de { $month }, produção do período ({ $carats } quilates).
   *[other] { $count } regiões; mineiros e licenças tal como estavam no fim de { $month }, produção do período ({ $carats } quilates).
}
reg-col-month = Mês
reg-col-production-records = Registos de produção
reg-col-digger-days = Dias-escavador
reg-col-gravel = Cascalho (m³)
reg-col-carats = Quilates
reg-col-stones = Pedras
reg-col-mean-stone = Pedra média (ct)
reg-col-sales-usd = Vendas (US$)
reg-col-usd-per-carat = US$ por quilate
reg-col-miners = Mineiros
reg-col-licences-active = Licenças em vigor
reg-col-flags-raised = Alertas emitidos
reg-col-region = Região
reg-col-miners-registered = Mineiros registados
reg-col-id = Identificador
reg-col-number = Número
reg-col-kind = Tipo
reg-col-holder = Titular
reg-col-mineral = Mineral
reg-col-issued = Emitida em
reg-col-expires = Expira em
reg-col-status = Estado
reg-col-names = Nomes
reg-col-sex = Sexo
reg-col-born = Ano de nascimento
reg-col-cooperative = Cooperativa
reg-col-registered = Registado em
reg-col-date = Data
reg-col-licence = Licença
reg-col-miner = Mineiro
reg-col-diggers = Escavadores
reg-no-licences = Nenhuma licença está registada aqui.
reg-no-miners = Nenhum mineiro está registado aqui.
reg-miners-not-shown = Os dados pessoais dos mineiros não são mostrados a esta função.
reg-no-production = Nenhuma produção está registada aqui.
reg-miner-by-id = mineiro n.º { $id }
reg-list-licences = Licenças
reg-list-miners = Mineiros
reg-list-production = Produção, a mais recente primeiro
reg-list-caption = { $list }, página { $page } de { $pages }
reg-lists = Listas
reg-own-records = Apenas os registos arquivados diretamente em { $name }; os das regiões abaixo estão nas suas páginas, e uma pesquisa percorre-os todos.
reg-search-label = Pesquisar por nome, número de licença ou data
reg-search-label-national-id = Pesquisar por nome, número de licença, número de identidade ou data
reg-search = Pesquisar
reg-clear-search = Limpar a pesquisa
reg-found-by = { $count } para a pesquisa «{ $q }»
reg-no-list = lista { $list }: licenças (licences), mineiros (miners) ou produção (production)
reg-no-table = esta página não tem a tabela { $table }
reg-search-too-long = uma pesquisa tem no máximo { $count } caracteres

## Page: footprint
# `/footprint`: a pegada granulométrica dos diamantes de uma região, comparada com a sua
# referência.
foot-title = Pegada
foot-title-region = Pegada: { $region }
foot-region = Região
foot-reference-from = Referência de
foot-reference-to = Referência até
foot-statistic = Estatística
foot-compare = Comparar
foot-reference-hint = Deixe vazios os meses de referência para comparar com a pegada de referência guardada para a região (ou para a região mais próxima acima dela).
foot-choose = Escolha uma região e um período.
foot-no-reference = Não há pegada de referência guardada para { $region } nem para uma região acima dela. Escolha um período de referência abaixo, ou peça a um administrador que defina uma.
foot-reference-period = { $region }, { $period }
foot-reference-imported = importada ({ $note })
foot-reference = Referência: { $reference }.
foot-reference-kept = Referência: { $reference }; guardada para { $region }, definida por { $by }.
foot-verdict = Conclusão
foot-value = Valor
foot-p-value = valor p
foot-stones = Pedras
foot-reference-stones = Pedras de referência
foot-mean-stone = Pedra média (ct)
foot-too-few-stones = Poucas pedras de um dos lados para um valor p; compare um período mais longo.
foot-classes-caption = Pedras por classe de tamanho
foot-col-class = Classe de tamanho (ct)
foot-col-carats = Quilates
foot-col-share = Parte das pedras
foot-col-reference-share = Parte de referência
foot-chart-title = Parte das pedras por classe de tamanho, comparada com a referência
foot-no-region = nenhuma região { $region }
foot-no-statistic = nenhuma estatística { $statistic }

## Page: large stones
# `/large-stones`: o registo das pedras grandes de um período.
stones-title = Registo das pedras grandes, { $period }
stones-caption = Pedras grandes
stones-col-date = Data
stones-col-region = Região
stones-col-licence = Licença
stones-col-miner = Mineiro
stones-col-mineral = Mineral
stones-col-carats = Quilates
stones-col-diggers = Escavadores
stones-col-site = Local (lat., long.)
stones-col-site-day = Dia de lavra
stones-none = Nenhuma pedra grande neste período.
stones-count = Pedras grandes
stones-carats = Os seus quilates
stones-heaviest = A mais pesada (ct)
stones-note = Uma pedra de 2 ct ou mais (diamante), ou uma pesagem de 250 ct (50 g) ou mais (ouro), é um achado excecional, inscrito aqui como os produtores mantêm o seu registo de pedras grandes; fica fora do controlo de produtividade, pelo que não levanta por si só nenhum alerta.

## Page: devices
# `/devices` (administradores): os dispositivos inscritos, e a revogação de um deles uma
# vez confirmada.
dev-title = Dispositivos
dev-caption = Dispositivos ({ $count })
dev-col-agent = Agente
dev-col-label = Etiqueta
dev-col-regions = Regiões
dev-last-sync = Última sincronização
dev-col-batches = Lotes
dev-col-enrolled = Inscrito em
dev-col-state = Estado
dev-device = Dispositivo
dev-none = Nenhum dispositivo está inscrito.
dev-state-revoked = revogado em { $at }: { $reason }
dev-state-active = ativo
dev-reason-placeholder = motivo
dev-revoke = Revogar…
dev-note = Um dispositivo revogado deixa de poder sincronizar; o que enviou fica guardado. Revogue de imediato um aparelho perdido ou roubado.
dev-no-device = não há nenhum dispositivo { $id }
dev-revoked-already = o dispositivo { $id } já está revogado
dev-confirm-title = Revogar um dispositivo?
# { $agent } é o nome do agente (a negrito), { $label } a etiqueta do dispositivo entre parênteses, ou nada.
dev-confirm-question = Revogar o dispositivo de { $agent }{ $label }? Deixará de poder sincronizar; o que enviou fica guardado. Isto não pode ser desfeito.
dev-never = nunca
dev-reason = Motivo
dev-confirm = Sim, revogar este dispositivo
dev-cancel = Cancelar

## Page: accounts
# `/users` (administradores): as contas dos agentes, e a sua desativação.
acct-title = Contas
acct-caption = Contas ({ $count })
acct-col-name = Nome
acct-col-role = Função
acct-col-regions = Regiões
acct-col-created = Criada em
acct-col-state = Estado
acct-col-sessions-from = Sessões terminadas antes de
acct-none = Nenhuma conta.
acct-state-disabled = desativada em { $at }
acct-state-active = ativa
acct-enable = Reativar
acct-disable = Desativar
acct-end-sessions = Terminar as sessões
acct-new-password = nova palavra-passe
acct-set-password = Definir a palavra-passe
acct-note = Quando um agente sai ou perde um dispositivo, desative a conta: deixa de poder entrar e as suas sessões abertas terminam de imediato. Uma nova palavra-passe também termina todas as sessões.

## Page: records
# `/records/{collection}/{id}`: a página de um registo (mineiro, licença, dia de lavra,
# venda, exportação), o seu histórico e conflitos, e o apagamento dos dados de uma pessoa.
rec-not-an-id = { $id } não é um identificador de registo (UUID)
rec-bad-page = página { $page }: um número a partir de 1
rec-flags-caption = Alertas sobre este registo ({ $count })
rec-no-flags = Nenhum alerta foi emitido sobre este registo.
rec-title-void = { $title } (anulado)
rec-void = Este registo está anulado: { $reason }
rec-current-values = Valores atuais
rec-filed-in = arquivado em
rec-change = alteração
rec-void-value = anulado: { $reason }
rec-yes = sim
rec-no = não
# Um valor com a sua natureza: «mineiro: Ama Mensah».
rec-keyed-value = { $key }: { $value }
# Os campos dos registos, tal como o histórico e a página de um mineiro os nomeiam.
rec-field-names = nomes
rec-field-sex = sexo
rec-field-birth-year = ano de nascimento
rec-field-home-region = região de residência
rec-field-registered-on = data de registo
rec-field-registered-by = registado por
rec-field-national-id = número de identidade
rec-field-phone = telefone
rec-field-cooperative = cooperativa
rec-field-registered-at = local de registo
rec-field-void = anulação
rec-field-number = número
rec-field-kind = tipo
rec-field-holder = titular
rec-field-mineral = mineral
rec-field-issued = data de emissão
rec-field-expires = data de validade
rec-field-status = estado
rec-field-area = área
rec-field-body = conteúdo
rec-history-caption = Histórico: cada escrita de cada campo
rec-col-received = Recebido em
rec-col-field = Campo
rec-col-value = Valor
rec-col-standing = Situação
rec-col-device = Dispositivo
rec-col-written = Escrito no dispositivo em
rec-col-filed-in = Arquivado em
rec-no-writes = Nenhuma escrita deste registo é mostrada a esta função.
rec-standing-current = em vigor
rec-standing-lost = perdido (conflito)
rec-standing-overwritten = substituído
rec-conflicts-caption = Conflitos: valores que perderam sem terem sido vistos
rec-col-value-stands = Valor que fica
rec-col-value-lost = Valor que perdeu
rec-col-lost-device = Dispositivo do valor perdido
rec-no-conflicts = Nenhum conflito.
rec-erased = (apagado)
rec-sealed = (selado: ainda não enviado pelo seu dispositivo)
rec-not-shown = não mostrado à sua função
rec-miner-title = Mineiro: { $names }
rec-miner-title-by-id = Mineiro n.º { $id }
rec-number = Número
rec-kind = Tipo
rec-holder = Titular
rec-mineral = Mineral
rec-issued = Emitida em
rec-expires = Expira em
rec-status = Estado
rec-area-points = uma área de { $count } pontos
rec-no-area = sem área
rec-site-days-no-page = página { $page }: há { $count } dias de lavra, { $per-page } por página
rec-site-days-caption = Dias de lavra nesta licença ({ $first } a { $last } de { $count }, o mais recente primeiro)
rec-date = Data
rec-miner = Mineiro
rec-diggers = Escavadores
rec-stones = Pedras
rec-carats = Quilates
rec-col-void = Anulação
rec-col-id = Identificador
rec-no-site-days = Nenhum dia de lavra está registado nesta licença.
rec-newer-site-days = Dias de lavra mais recentes
rec-older-site-days = Dias de lavra mais antigos
rec-page-of = página { $page } de { $pages }
rec-licence-title = Licença { $number }
rec-licence-title-by-id = Licença n.º { $id }
rec-licence-map-title = { $title }: a sua área e as posições dos seus dias de lavra
rec-site-days-not-void = Dias de lavra (não anulados)
rec-their-carats = Os seus quilates
rec-area-and-site-days = Área e dias de lavra
rec-no-area-walked = Nenhuma área foi percorrida para esta licença.
rec-licence-incomplete = Ainda não chegaram todos os campos desta licença.
rec-production-summary = { $date } em { $licence }: { $diggers ->
        [one] { $diggers } escavador
       *[other] { $diggers } escavadores
    }, { $stones ->
        [one] { $stones } pedra
       *[other] { $stones } pedras
    }, { $carats } ct
rec-stones-weighed = { $carats } ct
rec-stones-together = { $count ->
        [one] { $count } pedra pesada sozinha
       *[other] { $count } pedras pesadas em conjunto
    }, { $carats } ct
rec-licence = Licença
rec-not-given = não indicado
rec-site = Local (lat., long.)
rec-gravel = Cascalho (m³)
rec-stones-note = Pedras: { $stones }
rec-production-title = Dia de lavra de { $date } em { $licence }
rec-production-title-by-id = Dia de lavra n.º { $id }
rec-production-missing = O conteúdo deste dia de lavra ainda não chegou.
rec-sale-summary = { $date }: { $seller } a { $buyer }, { $carats } ct, { $usd } US$
rec-seller-miner = Vendedor (mineiro)
rec-seller-licence = Vendedor (licença)
rec-buyer-licence = Licença do comprador
rec-value-usd = Valor (US$)
rec-usd-per-carat = US$ por quilate
rec-sale-title = Venda de { $date } a { $buyer }
rec-sale-title-by-id = Venda n.º { $id }
rec-sale-missing = O conteúdo desta venda ainda não chegou.
rec-export-summary = { $date }: { $certificate } por { $exporter }, { $carats } ct, { $usd } US$, para { $destination }
rec-parcel-weighed = { $count ->
        [one] { $count } pedra pesada
       *[other] { $count } pedras pesadas uma a uma
    }
rec-parcel-classes = contado por classe de tamanho: { $classes }
rec-certificate = Certificado PK
rec-exporter-licence = Licença do exportador
rec-hs-code = Código SH
rec-destination = Destino
rec-parcel = Lote: { $parcel }.
rec-exporter-monitoring = O controlo do exportador
rec-export-title = Exportação { $certificate }
rec-export-title-by-id = Exportação n.º { $id }
rec-export-missing = O conteúdo desta exportação ainda não chegou.
rec-erase-title = Apagar os dados desta pessoa
rec-erase-note = A pedido da pessoa, ou para remover um valor anterior errado depois de uma correção. Os dados são apagados do registo e de cada dispositivo na sua próxima sincronização; isto não pode ser desfeito.
rec-erase-what = O quê
rec-erase-every-value = todos os dados pessoais da pessoa
rec-erase-earlier-values = os valores anteriores do campo { $field }
rec-erase-reason = Motivo
rec-erase-confirm = Confirmo: isto não pode ser desfeito
rec-erase = Apagar
rec-erase-unconfirmed = nada foi apagado: confirme que o apagamento não pode ser desfeito
