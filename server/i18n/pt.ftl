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
