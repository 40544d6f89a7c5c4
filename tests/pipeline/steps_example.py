"""User steps used by the pipeline tests, as a user's own module would define them."""


def port_tagger(item, ports):
    text = ' '.join(item.get(f) or '' for f in ('title', 'summary', 'body'))
    return {'places': [{'id': f'port:{p.lower()}', 'name': p} for p in ports if p in text]}


def require_body(item, min_chars=1):
    if len(item.get('body') or '') < min_chars:
        return False, f'body shorter than {min_chars} characters'
    return True


def mark_source(item, label='checked'):
    item['extra']['label'] = label
    return item


def failing_sink(item):
    raise RuntimeError(f'the warehouse is down (item {item["id"]})')
