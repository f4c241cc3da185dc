# As mensagens do Placer em português. Cada mensagem do catálogo inglês (en.ftl) deve
# estar aqui; `cargo test -p placer --lib i18n` verifica-o. As { $variáveis } são
# preenchidas pelo programa: mantê-las na tradução.

## placer device: sincronização
device-syncing = a sincronizar: { $batches } lote(s) enviado(s), { $changes } alteração(ões) recebida(s)
device-synced = { $batches } lote(s) enviado(s) ({ $ops } operações){ $resent }{ $photos }, { $changes } alteração(ões) recebida(s); cursor { $cursor }; { $up } bytes enviados, { $down } recebidos, { $seconds } s{ $attempts }; ficam no aparelho: { $left-ops } operação(ões), { $left-batches } lote(s)
device-synced-resent = {" "}(e { $count } que o servidor voltou a pedir)
device-synced-photos = {" "}e { $count } fotografia(s)
device-synced-attempts = {" "}em { $count } tentativas

## placer device: lista
device-list-incomplete = (incompleto: à espera do registo)
device-list-void = ANULADO({ $reason })
device-list-conflicts = [{ $count } conflito(s)]
device-list-count = { $count } registo(s)

## placer device: notas (os alertas nos registos do dispositivo)
device-notes-flag = [{ $state }, { $severity }] { $kind } (alerta { $id })
device-notes-not-held = (ausente do servidor)
device-notes-event-by = { $at } { $event } por { $by }
device-notes-note = nota: { $note }
device-notes-count = { $count } alerta(s) nos registos deste dispositivo

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
frame-nav-devices = Dispositivos
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
login-expired = Este formulário de início de sessão expirou. Inicie sessão de novo.
login-wrong = Nome de utilizador ou palavra-passe incorretos.
login-too-many = Demasiados inícios de sessão falhados. Tente de novo dentro de { $seconds } segundos.

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

## Page: flag evidence
ev-record-miner = mineiro
ev-record-licence = licença
ev-record-production = produção
ev-record-sale = venda
ev-record-export = exportação
ev-record-region = região
ev-value-valid = válida
ev-value-not-yet-issued = ainda não emitida
ev-value-expired = caducada
ev-value-unknown-licence = licença desconhecida
ev-value-not-a-buyer-licence = não é uma licença de comprador
ev-value-other-mineral = outro mineral
ev-value-missing = em falta
ev-value-ahead = adiantado
ev-value-behind = atrasado
ev-yes = sim
ev-no = não
ev-none = nenhum
ev-key-licence = Licença
ev-key-date = Data
ev-key-validity = A licença nesse dia
ev-key-issued = Emitida em
ev-key-expires = Último dia de validade
ev-key-distance-m = Distância fora da área
ev-key-accuracy-m = Precisão declarada do ponto GPS
ev-key-lat = Latitude
ev-key-lon = Longitude
ev-key-licence-country = País da licença
ev-key-fix-country = País do ponto GPS
ev-key-miner = Mineiro
ev-key-miners = Mineiros
ev-key-mineral = Mineral
ev-key-min-ct = Menor pedra plausível
ev-key-max-ct = Maior pedra plausível
ev-key-out-of-range = Pesos fora dos limites
ev-key-out-of-range-count = Pedras fora dos limites
ev-key-stones = Pedras
ev-key-count = Pedras contadas
ev-key-total-ct = Peso total
ev-key-buyer-licence = Licença do comprador
ev-key-reason = Motivo
ev-key-kind = Tipo de licença
ev-key-number = Número da licença
ev-key-problem = Problema
ev-key-district = Distrito
ev-key-seq = Número do lote
ev-key-sealed-at = Selado em (relógio do dispositivo)
ev-key-received = Recebido pelo servidor
ev-key-skew-ms = Desfasamento do relógio
ev-key-threshold-ms = Tolerado
ev-key-direction = Relógio
ev-key-accepted-digest = Lote aceite (resumo)
ev-key-refused-digest = Lote recusado (resumo)
ev-key-month = Mês
ev-key-site-days = Dias de exploração
ev-key-digger-days = Dias-escavador
ev-key-carats = Quilates
ev-key-large-stones-left-out = Pedras grandes excluídas
ev-key-ct-per-digger-day = Quilates por dia-escavador
ev-key-median-ct-per-digger-day = Mediana da zona por dia-escavador
ev-key-ratio = Múltiplo da mediana
ev-key-samples = Meses-licença comparados
ev-key-factor = Fator
ev-key-floor-ct-per-digger-day = Mínimo em ct por dia-escavador
ev-key-threshold-ct-per-digger-day = Limiar em ct por dia-escavador
ev-key-margin = Margem admitida
ev-key-quarters = Trimestres em excesso
ev-key-quarter = Trimestre
ev-key-exported-carats-hundredths = Quilates exportados
ev-key-sold-carats-hundredths = Quilates vendidos
ev-key-available-hundredths = Disponível
ev-key-stock-at-start-hundredths = Existências iniciais
ev-key-bought-carats-hundredths = Quilates comprados
ev-key-unverified-carats-hundredths = Quilates não verificados
ev-key-entry = Entrada do registo
ev-key-device = Dispositivo
ev-key-what = Objeto
ev-key-log-position = Posição no registo
ev-key-error = Erro
ev-key-national-id = Número de identificação nacional

## Page: flag fix map
fix-title = O ponto GPS face à área da licença { $licence }
fix-area-title = Área da licença { $licence }
fix-point = O ponto GPS: { $lat }; { $lon }, ± { $accuracy } m
fix-legend-area = área da licença { $licence }
fix-no-area = a licença { $licence } não tem área a desenhar
fix-legend-fix = o ponto GPS
fix-legend-accuracy = a sua precisão declarada ({ $accuracy } m)

## Page: flags
fl-title = Alertas
fl-bad-region = região { $value }: uma região é indicada pelo seu identificador
fl-bad-kind = tipo de alerta { $value }: um dos tipos que o filtro apresenta
fl-bad-state = estado de alerta { $value }: open, resolved ou closed
fl-bad-since = parâmetro since { $value }: um dia, AAAA-MM-DD
fl-bad-view = vista { $value }: flags ou cases
fl-bad-cause = causa { $value }: a causa de um caso é o identificador de um registo
fl-cause-needs-kind = um caso é de um só tipo de alerta: indique o tipo com a causa
fl-state-open = aberto
fl-state-resolved = resolvido
fl-state-closed = encerrado
fl-severity-high = alta
fl-severity-medium = média
fl-severity-low = baixa
fl-event-raised = emitido
fl-event-updated = atualizado
fl-event-closed = encerrado
fl-event-reopened = reaberto
fl-event-resolved = resolvido
fl-col-severity = Gravidade
fl-col-kind = Tipo
fl-col-concerns = Diz respeito a
fl-col-region = Região
fl-col-state = Estado
fl-col-raised = Emitido em
fl-finding = Constatação
fl-col-flag = Alerta
fl-col-cause = Causa
fl-col-flags = Alertas
fl-col-open = Abertos
fl-col-first-raised = Primeiro emitido em
fl-col-last-changed = Última alteração
fl-col-case = Caso
fl-no-flag = Nenhum alerta corresponde.
fl-no-case = Nenhum caso corresponde.
fl-caption-flags = Alertas, os mais urgentes primeiro (página { $page } de { $pages })
fl-caption-cases = Casos, os mais urgentes primeiro (página { $page } de { $pages })
fl-any-kind = todos os tipos
fl-any-state = todos os estados
fl-filter-region = Região (e subdivisões)
fl-any-region = todas as regiões
fl-filter-since = Alterados desde
fl-filter = Filtrar
fl-clear = Limpar
fl-views = Vistas
fl-tab-flags = Cada alerta ({ $count })
fl-tab-cases = Agrupados por causa ({ $count ->
    [one] { $count } caso
   *[other] { $count } casos
})
fl-case-note = Os alertas de um caso: { $kind }, causa { $cause }.
fl-all-flags = Todos os alertas
fl-case-flags = Os alertas do seu caso
fl-records-concerned = Registos em causa
fl-held-by = detida por { $holder }
fl-evidence = Elementos de prova
fl-fix-heading = O ponto GPS face à área da licença
fl-history = Histórico
fl-col-when = Data
fl-col-event = Evento
fl-col-by = Por
fl-col-note = Nota
fl-resolve = Resolver o alerta
fl-resolve-note = Nota (o que foi constatado, o que foi feito)
fl-resolve-submit = Marcar como resolvido
fl-flag-title = Alerta: { $kind }

## Page: exports
exp-title = Controlo das exportações, { $period }
exp-exporter-title = Exportador { $number }
exp-reason-exports-exceed-purchases = exportações acima das compras
exp-reason-footprint-unlike-sources = pegada diferente das origens
exp-reason-price-below-median = preço abaixo da mediana
exp-reason-price-above-median = preço acima da mediana
exp-reason-below-valuation = abaixo da avaliação
exp-reason-above-valuation = acima da avaliação
exp-reason-beyond-cited-purchases = além das compras citadas
exp-verdict-similar = semelhante
exp-verdict-different = diferente
exp-verdict-too-few-stones = pedras insuficientes
exp-statistic-kolmogorov-smirnov = Kolmogorov-Smirnov
exp-statistic-chi-square = qui-quadrado
exp-yes = sim
exp-no = não
exp-detail-exceeds = { $exported } ct exportados para { $available } ct disponíveis ({ $stock } ct em existências, { $bought } ct comprados)
exp-detail-price = { $price } US$/ct face a uma mediana de { $median } US$/ct ({ $percent } %)
exp-detail-cited = { $exports } exportação(ões) de { $exported } ct que citam compras de { $cited } ct
exp-detail-valuation = { $declared } US$ declarados para { $exports } exportação(ões) que o avaliador do Estado avaliou em { $valuation } US$ ({ $percent } %)
exp-detail-footprint = pedras dos lotes diferentes da produção da(s) { $regions } região(ões) onde comprou ({ $statistic } = { $value }, p = { $p })
exp-stat-ks-d = D de KS
exp-stat-chi-square = qui-quadrado
exp-not-available = n.d.
exp-colon = {": "}
exp-whole-period = período
exp-col-quarter = Trimestre
exp-col-exporter = Exportador
exp-col-exports = Exportações
exp-col-exported-ct = Exportado ct
exp-col-exported-usd = Exportado US$
exp-col-bought-ct = Comprado ct
exp-col-unverified-ct = Não verificado ct
exp-col-stock-at-start = Existências iniciais ct
exp-col-available = Disponível ct
exp-col-ratio = Exportado / disponível
exp-col-exceeds = Excede
exp-col-usd-per-ct = US$/ct
exp-col-median-usd-per-ct = Mediana US$/ct
exp-col-price-ratio = Preço / mediana
exp-col-valuation-usd = Avaliação US$
exp-col-valuation-ratio = Declarado / avaliação
exp-col-duty-usd = Direitos US$
exp-no-exporter = Nenhum exportador neste período.
exp-ranking = Exportadores por risco
exp-col-rank = Posição
exp-col-holder = Titular
exp-col-score = Pontuação
exp-col-reasons = Motivos
exp-col-evidence = Elementos de prova
exp-per-quarter = Por exportador e trimestre
exp-series-exported = exportado (ct)
exp-series-bought = comprado (ct)
exp-fig-exporters = Exportadores
exp-fig-with-reason = Com um motivo
exp-fig-quarters-exceeding = Trimestres acima das compras
exp-fig-exported-ct = Exportado (ct)
exp-fig-exported-usd = Exportado (US$)
exp-note = Um exportador excede as suas compras quando expede mais de 10 % além do que comprou a mineiros registados e a compradores licenciados, mais as suas existências; o seu preço é comparado com a mediana do trimestre para o mesmo país e código SH; as pedras dos seus lotes, com a produção das zonas onde comprou.
exp-note-links = Cada motivo remete para os seus elementos de prova.
exp-chart-title = Exportado e comprado no período, por exportador (maior risco primeiro)
exp-chart-unit = quilates
exp-none = Nada neste período.
exp-footprint = Pegada dos seus lotes
exp-fig-verdict = Veredicto
exp-fig-parcel-stones = Pedras dos lotes
exp-fig-source-stones = Pedras produzidas onde comprou
exp-footprint-chart = Percentagem de pedras por classe de tamanho: lotes face à produção onde comprou
exp-series-parcels = lotes exportados
exp-series-sources = produção onde comprou
exp-stock-balance = Balanço de existências por trimestre
exp-col-date = Data
exp-col-certificate = Certificado do Processo de Kimberley
exp-col-hs-code = Código SH
exp-col-destination = Destino
exp-col-carats = Quilates
exp-col-usd = US$
exp-col-cited = Compras citadas (ct)
exp-purchases = Compras (vendas registadas na sua licença)
exp-col-seller = Vendedor
exp-col-seller-name = Nome ou licença do vendedor
exp-col-verified = Verificado
exp-col-seller-id = Identificador do vendedor
exp-not-registered = (não registado)
exp-fig-bought-verified = Comprado, verificado (ct)
exp-fig-worst-ratio = Pior rácio exportado / disponível
exp-holder = Titular: { $holder }.
exp-all-exporters = Todos os exportadores

## Page: print documents
print-issuer = Placer · Registo nacional da mineração artesanal aluvial
print-country = País
print-region = Região
print-period = Período
print-printed = Impresso
print-printed-by = em { $at } por { $by }
print-period-cut = { $period }, { $cut }
print-period-range = de { $from } a { $to }
print-page-of = Página { $page } de { $pages }
print-definitions = Definições
print-definitions-note = Os valores são somas dos registos do cadastro tal como estão no momento da impressão: os registos anulados não contam em lado nenhum, o valor de uma região inclui as regiões abaixo dela, os rácios são calculados a partir das somas e deixados vazios (–) quando não há divisor. Quilates e US$ com duas casas decimais, ouro em gramas; meses, trimestres e semestres em UTC.
print-certification = Certificação
print-prepared-by = Elaborado por
print-approved-by = Revisto e aprovado por
print-sign-name = Nome
print-sign-function = Função
print-sign-date = Data
print-signature = Assinatura
print-national-title = Relatório nacional de controlo interno
print-kp-title = Estatísticas do Processo de Kimberley
print-regional-title = Síntese regional
print-by-quarter = por trimestre
print-by-half-year = por semestre
print-by-month = por mês
print-kp-cut = produção por semestre, comércio por trimestre
print-every-region = todas as regiões consultáveis
print-total = Total
print-no-figures = Nenhum valor neste período.
print-none = Nada neste período.
print-no-production = Nenhuma produção neste período.
print-partial = parcial
print-hs-unsorted = não triados
print-hs-industrial = industriais
print-hs-gem = gemas
print-nat-balance = Produção, vendas e exportações
print-nat-controls = Produção sob controlo
print-nat-registry = O registo no fim de cada período
print-nat-gold = Ouro, em gramas
print-col-production-records = Registos de produção
print-col-carats = Quilates
print-col-stones = Pedras
print-col-first-sales-ct = Primeiras vendas ct
print-col-first-sales-usd = Primeiras vendas US$
print-col-transfers-ct = Transferências ct
print-col-transfers-usd = Transferências US$
print-col-exports-ct = Exportações ct
print-col-exports-usd = Exportações US$
print-col-inside-licence = Dentro da licença
print-col-on-valid-licence = Com licença válida
print-col-by-registered-miner = Por mineiro registado
print-col-sites-visited = Locais visitados
print-col-flags-raised = Alertas emitidos
print-col-flags-resolved = Alertas resolvidos
print-col-flags-closed = Alertas encerrados
print-col-late-records = Registos tardios
print-col-miners-registered = Mineiros registados
print-col-diggers-estimated = Escavadores estimados
print-col-coverage = Cobertura
print-col-licences-active = Licenças em vigor
print-col-mining-licences = Licenças de exploração
print-col-dealers = Negociantes
print-col-exporters = Exportadores
print-col-produced-g = Produzido g
print-col-sold-g = Vendido g
print-col-sales-usd = Vendas US$
print-col-assayed-g = Ensaiado g
print-col-fine-gold-g = Ouro fino g
print-col-quarter = Trimestre
print-col-partial = Parcial
print-col-hs-code = Código SH
print-col-usd = US$
print-col-certificates = Certificados
print-col-destination = Destino
print-col-origin = Origem
print-kp-production = Produção por semestre, valorizada na primeira venda
print-kp-exports = Exportações por trimestre, por código SH e destino
print-kp-imports = Importações por trimestre, por código SH e origem
print-col-half-year = Semestre
print-col-carats-produced = Quilates produzidos
print-col-value-first-sales = Valor US$ (primeiras vendas)
print-col-month = Mês
print-reg-register = Mineiros e licenças
print-col-miners-new = Novos mineiros
print-col-miners-total = Total de mineiros
print-col-licences-new = Novas licenças
print-col-licences-expired = Licenças caducadas
print-reg-production = Produção
print-col-digger-days = Dias-escavador
print-col-gravel-m3 = Cascalho m³
print-col-mean-stone-ct = Pedra média ct
print-reg-sales = Vendas de diamantes
print-col-sales-ct = Vendas ct
print-col-usd-per-carat = US$ por quilate
print-reg-gold-flags = Ouro (gramas) e alertas
print-col-gold-produced-g = Ouro produzido g
print-col-gold-sold-g = Ouro vendido g
print-col-gold-sales-usd = Vendas de ouro US$
print-no-country = nenhum país { $id } foi importado
print-not-a-country = { $name } não é um país: indique country=<o identificador de um país>
print-serves-no-region = { $officer } não está afeto a nenhuma região de { $country }
print-no-region = nenhuma região { $id } foi importada
print-bad-year-and-months = indique um ano ou from e to, não ambos
print-bad-year = ano { $value }: AAAA
print-bad-region-id = { $param } { $value } não é o identificador de uma região
print-bad-kp-period = as estatísticas do Processo de Kimberley são por semestre e por trimestre: não há período a escolher
print-bad-which-region = que região?
print-bad-regional-query = a síntese de uma região é mensal, da região indicada no endereço

## Page: print definitions
def-first-sales-transfers = Primeiras vendas, transferências
def-first-sales-transfers-meaning = uma venda por um mineiro registado ou não registado, ou pelo titular de uma licença de exploração, a um comprador licenciado é uma primeira venda; uma revenda por um negociante ou por um exportador é uma transferência. Cada pedra é contada uma só vez, na sua primeira venda a partir da cata (cadeia de custódia, declarações do WGAAP do Processo de Kimberley).
def-production-records = Registos de produção
def-nat-production-records-meaning = dias de exploração registados (produções), de qualquer mineral, no período.
def-carats-stones = Quilates, pedras
def-nat-carats-stones-meaning = diamantes produzidos no período, e as pedras contadas.
def-exports = Exportações
def-nat-exports-meaning = exportações datadas do período, em quilates e em US$ declarados.
def-inside-licence = Dentro da licença
def-nat-inside-licence-meaning = quilates de diamante cujo ponto GPS se situa dentro da área da licença (tendo em conta a precisão do ponto) e no seu país, sobre o total de quilates.
def-on-valid-licence = Com licença válida
def-nat-on-valid-licence-meaning = quilates produzidos com uma licença válida na data da produção, sobre o total de quilates.
def-by-registered-miner = Por mineiro registado
def-nat-by-registered-miner-meaning = quilates das produções que indicam um mineiro registado, sobre o total de quilates.
def-miners-registered-licences-active = Mineiros registados, licenças em vigor
def-nat-miners-registered-licences-active-meaning = no fim do período, contados desde o primeiro mês do registo; as licenças repartem-se em licenças de exploração, de negociante e de exportador.
def-diggers-estimated-coverage = Escavadores estimados, cobertura
def-nat-diggers-estimated-coverage-meaning = estimativa, por um agente, do número de escavadores da região (a sua, ou a soma das estimativas das regiões abaixo dela); a cobertura é o rácio entre mineiros registados e escavadores estimados.
def-sites-visited = Locais visitados
def-nat-sites-visited-meaning = licenças com pelo menos um dia de exploração registado na região no período, cada uma contada uma vez.
def-flags-raised-resolved-closed = Alertas emitidos, resolvidos, encerrados
def-nat-flags-raised-resolved-closed-meaning = eventos de alerta do período.
def-late-records = Registos tardios
def-nat-late-records-meaning = factos registados mais de um mês depois do mês da sua data (pelo relógio do dispositivo, nunca depois da sua chegada).
def-gold = Ouro
def-nat-gold-meaning = ouro produzido e vendido, em gramas (nunca somado aos quilates); do ouro vendido, os gramas com um ensaio registado no ministério e o ouro fino que contêm.
def-reading-the-balance = Leitura do balanço
def-nat-reading-the-balance-meaning = a comparação entre produção, primeiras vendas e exportações revela mercadorias que entram na cadeia vindas de outro lado (exportações acima do que foi extraído e vendido); as três percentagens indicam quanto da produção está sob controlo; a cobertura, quanto da mão de obra o registo alcança (declarações do WGAAP do Processo de Kimberley; monitorização das exportações do Gana, 2006–07).
def-production = Produção
def-kp-production-meaning = quilates de diamante produzidos no semestre, valorizados na primeira venda: os US$ das primeiras vendas do semestre (o registo regista vendas, não uma avaliação da produção).
def-kp-exports-meaning = por trimestre, código SH e parceiro (destino, ISO 3166-1 alfa-3): quilates, US$ e certificados, um por exportação.
def-imports = Importações
def-kp-imports-meaning = por trimestre, código SH e parceiro (origem): quilates, US$ e certificados, registados no ministério.
def-hs-codes = Códigos SH
def-kp-hs-codes-meaning = diamantes em bruto 7102.10 não triados, 7102.21 industriais, 7102.31 gemas (não industriais).
def-partial = Parcial
def-kp-partial-meaning = semestre ou trimestre com meses fora dos meses pedidos, anteriores ao primeiro mês do país com algum valor, posteriores ao último, ou ainda não terminados: os seus valores não são os do período inteiro (Documento de Base do Processo de Kimberley: estatísticas por período completo).
def-kp-gold-meaning = não consta das estatísticas do Processo de Kimberley.
def-miners-new-miners-total = Novos mineiros, total de mineiros
def-reg-miners-new-miners-total-meaning = mineiros registados no mês (pelo dia do registo); total acumulado desde o primeiro mês do registo.
def-licences-new-expired-active = Licenças novas, caducadas, em vigor
def-reg-licences-new-expired-active-meaning = licenças emitidas e que caducam no mês; «em vigor» é o total acumulado das emitidas menos as caducadas.
def-reg-production-records-meaning = dias de exploração registados (produções), de qualquer mineral.
def-digger-days-gravel = Dias-escavador, cascalho
def-reg-digger-days-gravel-meaning = escavadores × dias; cascalho lavado em m³ (litros / 1000).
def-carats-stones-mean-stone = Quilates, pedras, pedra média
def-reg-carats-stones-mean-stone-meaning = diamantes produzidos; pedras contadas; quilates / pedras.
def-sales-us-per-carat = Vendas, US$ por quilate
def-reg-sales-us-per-carat-meaning = todas as vendas de diamantes; US$ / quilates vendidos.
def-reg-gold-meaning = ouro produzido e vendido, em gramas, nunca somado aos quilates.
def-reg-flags-raised-resolved-closed-meaning = eventos de alerta, por mês do evento.

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
dev-enrol-title = Registar um novo dispositivo
dev-enrol-agent = Nome do agente
dev-enrol-region = Região servida
dev-enrol-hours = Código válido durante (horas)
dev-enrol-submit = Emitir um código de uso único
dev-enrol-bad-region = escolha a região que o agente serve
dev-enrol-bad-hours = a validade do código é um número inteiro de horas, de 1 a 2160
dev-code-title = Um código de uso único para um novo dispositivo
dev-code-note = Entregue este código ao agente, ou deixe a câmara do telemóvel ler o código QR: abre a aplicação de campo com o código preenchido. Serve uma única vez, até expirar, e só é mostrado agora.
dev-code = Código
dev-code-expires = Expira em
dev-code-link = A aplicação de campo com este código:
dev-code-back = Voltar aos dispositivos

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

# Fotografias e documentos de um registo
photo-heading = Fotografias e documentos
photo-received = recebido em { $when }
photo-kind-miner-photo = fotografia do mineiro
photo-kind-identity-document = documento de identidade
photo-kind-licence-document = documento da licença
photo-kind-parcel-photo = fotografia do lote
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

## Page: flag findings
# A constatação de um alerta, escrita a partir das suas provas (a lista de alertas, a página
# de um alerta, os alertas de um registo). { $production }, { $sale }, { $record } designam
# uma produção ou uma venda (o seu identificador curto), { $licence }, { $buyer } uma licença
# (o seu número), { $miner }, { $first }, { $second } um mineiro (os seus nomes), { $device }
# um dispositivo; um identificador que a página não sabe nomear fica inteiro. Valores
# técnicos escolhem a formulação: { $validity } (not_yet_issued, expired, suspended,
# revoked), { $mineral } (diamond, gold; { $mineral_words } por extenso), { $kind }
# (artisanal_permit, claim, cooperative; { $kind_words }), { $direction } (ahead, behind),
# { $role } (exporter, dealer), { $ring } (exterior, hole, com { $hole } o seu número).
find-licence-unknown = A produção { $production } de { $date } indica a licença { $licence }, que não está registada.
find-licence-not-valid = A produção { $production } de { $date } foi declarada com a licença { $licence }, que { $validity ->
        [not_yet_issued] ainda não tinha sido emitida
        [suspended] estava suspensa
        [revoked] estava revogada
       *[expired] estava caducada
    } nesse dia.
find-outside-licence-area = O ponto GPS da produção { $production } fica a { $distance } m fora da área da licença { $licence }, para além da sua precisão declarada de { $accuracy } m.
find-outside-country = O ponto GPS da produção { $production } fica no país { $fix_country }, e não no país { $licence_country } da licença { $licence }.
find-outside-any-country = O ponto GPS da produção { $production } fica fora do país { $licence_country } da licença { $licence }, e fora de qualquer país registado.
find-production-unregistered-miner = A produção { $record } indica o mineiro { $miner }, que não está inscrito.
find-sale-unregistered-miner = A venda { $record } indica o mineiro { $miner }, que não está inscrito.
find-buyer-unknown = A venda { $sale } de { $date } tem como comprador a licença { $buyer }, que não está registada.
find-buyer-not-a-buyer = A venda { $sale } de { $date } tem como comprador a licença { $buyer }, que é { $kind ->
        [artisanal_permit] uma licença artesanal
        [claim] uma concessão
        [cooperative] uma licença de cooperativa
       *[other] uma licença «{ $kind_words }»
    } e não uma licença de comprador.
find-buyer-other-mineral = A venda { $sale } de { $date } tem como comprador a licença { $buyer }, que é válida para { $licence_mineral ->
        [diamond] diamantes
        [gold] ouro
       *[other] { $licence_mineral_words }
    } e não para { $sale_mineral ->
        [diamond] diamantes
        [gold] ouro
       *[other] { $sale_mineral_words }
    }.
find-buyer-not-valid = A venda { $sale } de { $date } tem como comprador a licença { $buyer }, que { $validity ->
        [not_yet_issued] ainda não tinha sido emitida
        [suspended] estava suspensa
        [revoked] estava revogada
       *[expired] estava caducada
    } nesse dia.
find-productivity = A licença { $licence } declara { $per_digger_day } ct de { $mineral ->
        [diamond] diamante
        [gold] ouro
       *[other] { $mineral_words }
    } por dia-escavador em { $month } ({ $carats } ct em { $digger_days ->
        [one] { $digger_days } dia-escavador
       *[other] { $digger_days } dias-escavador
    } e { $site_days ->
        [one] { $site_days } dia de exploração
       *[other] { $site_days } dias de exploração
    }), ou seja { $ratio } vezes a mediana dos meses-licença da zona ({ $median } ct por dia-escavador).
find-productivity-zero-median = A licença { $licence } declara { $per_digger_day } ct de { $mineral ->
        [diamond] diamante
        [gold] ouro
       *[other] { $mineral_words }
    } por dia-escavador em { $month } ({ $carats } ct em { $digger_days ->
        [one] { $digger_days } dia-escavador
       *[other] { $digger_days } dias-escavador
    } e { $site_days ->
        [one] { $site_days } dia de exploração
       *[other] { $site_days } dias de exploração
    }), quando a mediana dos meses-licença da zona é zero.
find-stone-weights-weighed = A produção { $production } tem pesos de { $mineral ->
        [diamond] diamante
        [gold] ouro
       *[other] { $mineral_words }
    } inverosímeis: { $stones ->
        [one] a sua única pedra pesada está
       *[other] { $count ->
            [one] { $count } das suas { $stones } pedras pesadas está
           *[other] { $count } das suas { $stones } pedras pesadas estão
        }
    } fora do intervalo de { $min } a { $max } ct (a primeira: { $first } ct).
find-stone-weights-no-stones = A produção { $production } tem pesos de { $mineral ->
        [diamond] diamante
        [gold] ouro
       *[other] { $mineral_words }
    } inverosímeis: regista { $total } ct mas nenhuma pedra.
find-stone-weights-too-light = A produção { $production } tem pesos de { $mineral ->
        [diamond] diamante
        [gold] ouro
       *[other] { $mineral_words }
    } inverosímeis: { $count ->
        [one] a sua pedra pesa { $total } ct, menos de { $min } ct
       *[other] as suas { $count } pedras pesam { $total } ct no total, menos de { $min } ct cada uma
    }.
find-stone-weights-too-heavy = A produção { $production } tem pesos de { $mineral ->
        [diamond] diamante
        [gold] ouro
       *[other] { $mineral_words }
    } inverosímeis: { $count ->
        [one] a sua pedra pesa { $total } ct, mais de { $max } ct
       *[other] as suas { $count } pedras pesam { $total } ct no total, pelo que pelo menos uma passa de { $max } ct
    }.
find-duplicate-national-id = Os mineiros { $first } e { $second } estão inscritos com o mesmo número de identificação nacional.
find-duplicate-name-and-birth-year = Os mineiros { $first } e { $second } têm o mesmo nome, o mesmo ano de nascimento e o mesmo distrito.
find-device-clock-skew = O dispositivo { $device } selou o lote { $seq } com um relógio { $duration } { $direction ->
        [ahead] adiantado
       *[behind] atrasado
    } em relação ao do servidor.
find-duration-years = { $years } anos
find-duration-days = { $count ->
        [one] { $count } dia
       *[other] { $count } dias
    }
find-duration-hours = { $count } h
find-batch-fork = O dispositivo { $device } enviou dois lotes diferentes com o número { $seq }: um dispositivo clonado ou uma chave divulgada.
find-area-missing = A licença de exploração { $licence } não pode ser confrontada com as suas produções: não tem área.
find-area-unusable = A licença de exploração { $licence } não pode ser confrontada com as suas produções: a sua área é inutilizável, { $problem }.
# { $problem }: o que está errado na área, uma das mensagens find-area- abaixo.
find-area-too-few-points = { $ring ->
        [hole] o enclave { $hole }
       *[exterior] o contorno exterior
    } tem { $points ->
        [one] { $points } ponto
       *[other] { $points } pontos
    }; um contorno fechado precisa de pelo menos 4, o último igual ao primeiro
find-area-not-closed = { $ring ->
        [hole] o enclave { $hole }
       *[exterior] o contorno exterior
    } não está fechado: o seu último ponto deve ser igual ao primeiro
find-area-too-many-points = a área tem { $points } pontos, mais do que os { $max } que uma área de licença pode ter
find-area-too-many-holes = a área tem { $holes } enclaves, mais do que os { $max } que uma área de licença pode ter
find-area-too-few-corners = { $ring ->
        [hole] o enclave { $hole }
       *[exterior] o contorno exterior
    } tem { $corners ->
        [one] { $corners } vértice distinto
       *[other] { $corners } vértices distintos
    }; uma área precisa de pelo menos 3
find-area-self-intersection = { $ring ->
        [hole] o enclave { $hole }
       *[exterior] o contorno exterior
    } cruza-se ou toca-se a si próprio perto da longitude { $lon }, latitude { $lat }
find-area-hole-outside = { $ring ->
        [hole] o enclave { $hole }
       *[exterior] o contorno exterior
    } não está dentro do contorno exterior
find-area-rings-overlap = { $ring ->
        [hole] o enclave { $hole }
       *[exterior] o contorno exterior
    } e o enclave { $other_hole } sobrepõem-se ou partilham um lado
find-area-too-small = a área mede { $area } m², menos do que os { $min } m² que uma área de licença deve ter
find-area-too-large = a área mede { $area } km², mais do que os { $max } km² que uma área de licença pode ter
# O pior trimestre de um exportador ou de um comerciante; { $count } trimestres em excesso ao todo.
find-trader-exported = { $role ->
        [dealer] O comerciante
       *[exporter] O exportador
    } { $licence } exportou { $exported } ct em { $quarter } com { $available } ct comprados e em existências ({ $count ->
        [one] { $count } trimestre em excesso
       *[other] { $count } trimestres em excesso
    }).
find-trader-sold = { $role ->
        [dealer] O comerciante
       *[exporter] O exportador
    } { $licence } vendeu { $sold } ct em { $quarter } com { $available } ct comprados e em existências ({ $count ->
        [one] { $count } trimestre em excesso
       *[other] { $count } trimestres em excesso
    }).
find-trader-exported-and-sold = { $role ->
        [dealer] O comerciante
       *[exporter] O exportador
    } { $licence } exportou { $exported } ct e vendeu { $sold } ct em { $quarter } com { $available } ct comprados e em existências ({ $count ->
        [one] { $count } trimestre em excesso
       *[other] { $count } trimestres em excesso
    }).
# Uma entrada do registo de lotes posta de lado; { $error } é a mensagem do programa, tal como está.
find-quarantined-batch = O lote { $seq } do dispositivo { $device } não pôde ser aplicado e foi posto de lado (registo { $position }): { $error }. Continua no registo de lotes; `placer admin quarantine` lista-o.
find-quarantined-fork = A prova dos dois lotes com o número { $seq } do dispositivo { $device } não pôde ser aplicada e foi posta de lado (registo { $position }): { $error }. Continua no registo de lotes; `placer admin quarantine` lista-a.
find-quarantined-act = O ato administrativo { $entry } não pôde ser aplicado e foi posto de lado (registo { $position }): { $error }. Continua no registo de lotes; `placer admin quarantine` lista-o.
find-quarantined-unreadable = Uma entrada do registo que esta versão não consegue ler não pôde ser aplicada e foi posta de lado (registo { $position }): { $error }. Continua no registo de lotes; `placer admin quarantine` lista-a.
find-quarantined-entry = A entrada do registo { $entry } não pôde ser aplicada e foi posta de lado (registo { $position }): { $error }. Continua no registo de lotes; `placer admin quarantine` lista-a.
